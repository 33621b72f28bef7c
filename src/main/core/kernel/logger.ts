/**
 * The logging surface the desktop core needs; a pino logger satisfies it.
 * Health data rule: log ids, counts and error codes only — never bodies, names, emails or phone numbers.
 */
export interface Logger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

const noop = (): void => undefined;
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/** JSON lines on stderr, for shells that do not bring pino (the bundled Electron main). */
export function createStderrLogger(name: string): Logger {
  const write = (level: string) => (obj: Record<string, unknown>, msg?: string) => {
    process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), name, ...obj, msg })}\n`);
  };
  return { debug: noop, info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * What may be logged about an unexpected error: its class, a code if it has one, and stack frames —
 * never the message, which can quote data (a SQL value, a body).
 */
export function errorFacts(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { errType: typeof err };
  const code = (err as { code?: unknown }).code;
  return {
    errName: err.name,
    ...(typeof code === 'string' ? { errCode: code } : {}),
    frames: (err.stack ?? '').split('\n').slice(1, 4).map((l) => l.trim()),
  };
}
