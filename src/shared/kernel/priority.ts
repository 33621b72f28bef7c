import { z } from 'zod';

export const Priority = z.enum(['P0', 'P1', 'P2', 'P3']);
export type Priority = z.infer<typeof Priority>;

/** P0 is the highest: a change "up" only ever moves towards it. */
export function higherPriority(a: Priority, b: Priority): Priority {
  return a < b ? a : b;
}
