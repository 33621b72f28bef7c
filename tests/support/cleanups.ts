import { afterEach } from 'vitest';

/** Registers one undo step; steps run after each test, last registered first. */
export type Defer = (step: () => unknown) => void;

/**
 * Undo steps run after each test of the calling file (or describe block), newest first: a store registered
 * after its directory closes before the directory goes.
 */
export function cleanupAfterEach(): Defer {
  const steps: (() => unknown)[] = [];
  afterEach(async () => {
    while (steps.length) await steps.pop()!();
  });
  return (step) => void steps.push(step);
}
