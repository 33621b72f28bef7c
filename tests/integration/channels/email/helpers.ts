/** Shared bits of the email integration suites: a real SMTP sink, sending with nodemailer, waiting. */
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import { createLogger } from '../../../../src/server/kernel/logger';
import type { Db } from '../../../../src/server/kernel/db/types';
import type { Customer } from '../../../../src/shared/kernel/customer';

/** A logger that keeps its lines, so a test can check that no personal data was logged. */
export function captureLogger(): { logger: Logger; text(): string } {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), text: () => text };
}

/** A transport to a local SMTP server without TLS (loopback). */
export function smtpClient(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, connectionTimeout: 10_000 });
}

export interface SinkOptions {
  /** answer for RCPT TO of attempt n (1-based): null = accept */
  rcpt?: (attempt: number) => { code: number; text: string } | null;
}

export interface SmtpSink {
  port: number;
  messages: ParsedMail[];
  raw: Buffer[];
  attempts: number;
  close(): Promise<void>;
}

/** A real SMTP peer (smtp-server) that records what it is sent. */
export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const sink: SmtpSink = { port: 0, messages: [], raw: [], attempts: 0, close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    onRcptTo(_address, _session, cb) {
      sink.attempts++;
      const answer = options.rcpt?.(sink.attempts) ?? null;
      if (answer) cb(Object.assign(new Error(answer.text), { responseCode: answer.code }));
      else cb();
    },
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        sink.raw.push(raw);
        simpleParser(raw).then(
          (m) => {
            sink.messages.push(m);
            cb();
          },
          (err: Error) => cb(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

/** Polls `check` until it returns a value (not undefined/null/false), or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function customerWithEmail(db: Db, teamId?: string): Promise<Customer> {
  const { rows } = await db.query<{ data: Customer }>(
    `select data from customers where jsonb_array_length(data->'emails') > 0 ${teamId ? 'and team_id = $1' : ''} order by id limit 1`,
    teamId ? [teamId] : [],
  );
  if (!rows[0]) throw new Error('no seeded customer with an email');
  return rows[0].data;
}

export interface StoredEvent {
  id: string;
  kind: string;
  customer_id: string;
  case_id: string | null;
  thread_id: string | null;
  body: string | null;
  meta: Record<string, unknown>;
}

export async function eventsWhere(db: Db, where: string, params: unknown[]): Promise<StoredEvent[]> {
  const { rows } = await db.query<StoredEvent>(
    `select id, kind, customer_id, case_id, thread_id, body, meta from events where ${where} order by seq`,
    params,
  );
  return rows;
}

export const byProviderId = (db: Db, id: string) =>
  eventsWhere(db, `kind = 'message.received' and meta->>'providerMessageId' = $1`, [id]);
