import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { safeError } from '../../kernel/logger';
import { DEFAULT_EMAIL_LIMITS, EmailRejectedError } from './parse';
import { receiveEmail, type EmailReceiveDeps } from './receive';

export interface SmtpInboundOptions extends EmailReceiveDeps {
  port: number;
  host?: string;
  /** server name in the greeting */
  name?: string;
  /** PEM key and certificate for STARTTLS; without them STARTTLS is not offered (run behind an MTA or on loopback) */
  tls?: { key: string | Buffer; cert: string | Buffer } | null;
}

export interface SmtpInbound {
  port: number;
  close(): Promise<void>;
}

type SmtpError = Error & { responseCode?: number };
const smtpError = (code: number, text: string): SmtpError => Object.assign(new Error(text), { responseCode: code });

/**
 * An SMTP listener for inbound mail (smtp-server). The SIZE extension advertises the message limit; a
 * message that exceeds it is refused with 552 and nothing is stored. A message that cannot be parsed
 * (no sender, not MIME) is refused with 550 and a content-free reason; a failure of ours answers 451
 * (the sending MTA retries later, so no valid message is lost). Accepted = ingested and committed.
 */
export async function startSmtpInbound(options: SmtpInboundOptions): Promise<SmtpInbound> {
  const limits = options.limits ?? DEFAULT_EMAIL_LIMITS;
  const { logger } = options;
  const server = new SMTPServer({
    name: options.name ?? 'omnidesk',
    banner: 'Omnidesk inbound mail',
    size: limits.maxMessageBytes,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    logger: false,
    disableReverseLookup: true,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (c: Buffer) => {
        bytes += c.length;
        if (bytes <= limits.maxMessageBytes) chunks.push(c);
      });
      stream.on('error', () => callback(smtpError(451, 'Error reading the message, try again later')));
      stream.on('end', () => {
        if (stream.sizeExceeded || bytes > limits.maxMessageBytes) {
          logger.warn({ session: session.id, bytes, limit: limits.maxMessageBytes }, 'email refused: too large');
          callback(smtpError(552, `Message exceeds the fixed maximum message size of ${limits.maxMessageBytes} bytes`));
          return;
        }
        receiveEmail(options, Buffer.concat(chunks), 'smtp').then(
          ({ result }) => callback(null, `Accepted ${result.status === 'duplicate' ? 'duplicate ' : ''}as ${result.eventId}`),
          (err: unknown) => {
            if (err instanceof EmailRejectedError) {
              logger.warn({ session: session.id, bytes, code: err.code }, 'email refused');
              callback(smtpError(err.code === 'TOO_LARGE' ? 552 : 550, `Message refused: ${err.message}`));
            } else {
              logger.error({ session: session.id, bytes, err: safeError(err) }, 'email ingest failed');
              callback(smtpError(451, 'Temporary failure storing the message, try again later'));
            }
          },
        );
      });
    },
  });
  server.on('error', (err) => logger.error({ err: safeError(err) }, 'smtp listener error'));
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.server.once('error', onError);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  logger.info({ port }, 'smtp inbound listening');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
