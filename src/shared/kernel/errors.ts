import { z } from 'zod';

/** Error codes shared by every boundary (bridge, sync, HTTP), so each end can react to them by name. */
export const ErrorCode = z.enum([
  'INVALID_ARGUMENT', // the input failed validation
  'UNAUTHENTICATED', // no, wrong, or expired credentials/token
  'FORBIDDEN', // authenticated but not allowed
  'NOT_FOUND',
  'CONFLICT', // valid, but the state no longer allows it (case closed meanwhile)
  'UNAVAILABLE', // server unreachable; retry later
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
  'RATE_LIMITED', // too many attempts (failed sign-ins, hashing capacity): wait and retry
  'PASSWORD_CHANGE_REQUIRED', // signed in with a one-time password: only changing it is allowed
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  /** INVALID_ARGUMENT from an integration endpoint (CTI, webhooks): which fields and why */
  fields: z.array(z.lazy(() => FieldIssue)).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** An error that crosses a boundary as {code, message}; messages never carry personal data. */
export class OmnideskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OmnideskError';
  }
  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}

/** One field a request got wrong and why, in words a PBX or provider integrator can act on (never the value). */
export const FieldIssue = z.object({ field: z.string(), reason: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

/** The fields of a zod failure: a missing one "is required", a wrong type "must be a <type>", else zod's or the schema's words. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.slice(0, 10).map((i) => {
    const field = i.path.length ? i.path.join('.') : '(root)';
    if (i.code === 'invalid_type' && /received undefined$/.test(i.message)) return { field, reason: 'is required' };
    if (i.code === 'invalid_type' && /^Invalid input: expected /.test(i.message)) return { field, reason: `must be a ${i.expected}` };
    return { field, reason: i.message };
  });
}

/** A readable one-line summary of a zod failure: paths and problems, never the offending values. */
export function describeIssues(error: z.ZodError): string {
  return fieldIssues(error)
    .slice(0, 5)
    .map((f) => `${f.field}: ${f.reason}`)
    .join('; ');
}

/** Parse or throw INVALID_ARGUMENT with a clear, value-free message. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new OmnideskError('INVALID_ARGUMENT', `${what}: ${describeIssues(r.error)}`);
  return r.data;
}
