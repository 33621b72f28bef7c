import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

/**
 * Paths pino blanks out wherever they appear. Health data rule: logs carry ids and codes only; never
 * message bodies, names, emails, phone numbers, passwords or tokens. Redaction is the safety net,
 * not the policy: code logs ids and codes explicitly.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'password',
  '*.password',
  'token',
  '*.token',
  'auth',
  '*.auth',
  'jwtSecret',
  '*.jwtSecret',
  'body',
  '*.body',
];

interface LoggedRequest {
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
}

/**
 * How a request appears in the log: its method and path, never the query string (customer search text,
 * the CTI / Chatwoot / verify tokens some providers can only pass there), never the client's address. A
 * matched route logs its pattern (`/api/auth/lockouts/:username`), so a username in a path is not logged either.
 */
export function requestForLog(req: LoggedRequest): { method: string | undefined; path: string } {
  const route = req.routeOptions?.url;
  const raw = route ?? req.url ?? '';
  const q = raw.search(/[?#]/);
  return { method: req.method, path: q === -1 ? raw : raw.slice(0, q) };
}

/** Fastify's request serializer is replaced (it logs the whole URL, host and remote address). */
export const LOG_SERIALIZERS = {
  req: requestForLog,
  res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
};

/** The server's logger: JSON lines on stdout, or on `destination` (tests capture them). */
export function createLogger(options: { level?: LevelWithSilent; destination?: DestinationStream } = {}): Logger {
  const opts = {
    name: 'omnidesk-server',
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: LOG_SERIALIZERS,
  };
  return options.destination ? pino(opts, options.destination) : pino(opts);
}

/** What of an unexpected error may be logged: its class, code and where it was thrown, never its message (it may quote input). */
export function safeError(err: unknown): { name: string; code: string | undefined; at: string | undefined } {
  if (!(err instanceof Error)) return { name: typeof err, code: undefined, at: undefined };
  const code = (err as { code?: unknown }).code;
  const at = err.stack
    ?.split('\n')
    .slice(1, 4)
    .map((l) => l.trim())
    .join(' < ');
  return { name: err.name, code: typeof code === 'string' ? code : undefined, at };
}
