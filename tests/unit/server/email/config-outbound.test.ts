import { describe, expect, it } from 'vitest';
import { safeDeliveryError } from '../../../../src/server/channels/delivery/worker';
import { loadEmailConfig, replyMessageId, threadingHeaders } from '../../../../src/server/channels/email';
import { PermanentDeliveryError } from '../../../../src/server/channels/types';

describe('loadEmailConfig', () => {
  it('everything off by default', () => {
    expect(loadEmailConfig({})).toEqual({
      inbound: null,
      outbound: null,
      imap: null,
      maxMessageBytes: 30 * 1024 * 1024,
      // large messages are parsed in worker threads (as many as the cores allow), each within 30 s
      parse: { threads: null, inlineBytes: 256 * 1024, budgetMs: 30_000 },
    });
  });
  it('reads the parse pool settings, and refuses a bad one', () => {
    expect(loadEmailConfig({ OMNIDESK_EMAIL_PARSE_THREADS: '0', OMNIDESK_EMAIL_PARSE_INLINE_KB: '64', OMNIDESK_EMAIL_PARSE_BUDGET_MS: '5000' }).parse).toEqual({ threads: 0, inlineBytes: 64 * 1024, budgetMs: 5000 });
    expect(() => loadEmailConfig({ OMNIDESK_EMAIL_PARSE_THREADS: 'many' })).toThrow(/OMNIDESK_EMAIL_PARSE_THREADS/);
  });
  it('reads the listener, the relay and the mailbox', () => {
    const c = loadEmailConfig({
      OMNIDESK_SMTP_INBOUND_PORT: '2525',
      OMNIDESK_SMTP_OUTBOUND_URL: 'smtp://u:p@relay.example:587',
      OMNIDESK_SUPPORT_FROM: 'Support <support@example.com>',
      OMNIDESK_IMAP_URL: 'imaps://box%40example.com:s%3Acret@imap.example/Support',
      OMNIDESK_EMAIL_MAX_MB: '10',
    });
    expect(c.inbound).toEqual({ port: 2525, host: '127.0.0.1' });
    expect(c.outbound).toEqual({ url: 'smtp://u:p@relay.example:587', from: 'Support <support@example.com>' });
    expect(c.imap).toEqual({ host: 'imap.example', port: 993, secure: true, user: 'box@example.com', pass: 's:cret', mailbox: 'Support', intervalMs: 30_000 });
    expect(c.maxMessageBytes).toBe(10 * 1024 * 1024);
  });
  it.each([
    [{ OMNIDESK_SMTP_OUTBOUND_URL: 'smtp://x' }, /OMNIDESK_SUPPORT_FROM/],
    [{ OMNIDESK_SMTP_OUTBOUND_URL: 'http://x', OMNIDESK_SUPPORT_FROM: 'a@b' }, /smtp:\/\//],
    [{ OMNIDESK_IMAP_URL: 'pop3://x' }, /imap:\/\//],
    [{ OMNIDESK_SMTP_INBOUND_PORT: '70000' }, /OMNIDESK_SMTP_INBOUND_PORT/],
  ])('refuses %j', (env, message) => {
    expect(() => loadEmailConfig(env)).toThrow(message);
  });
});

describe('threading headers of a reply', () => {
  it('In-Reply-To = newest id, References = the chain', () => {
    expect(threadingHeaders(['<a@x>', '<b@x>', '<c@x>'])).toEqual({ inReplyTo: '<c@x>', references: ['<a@x>', '<b@x>', '<c@x>'] });
    expect(threadingHeaders([])).toEqual({ inReplyTo: undefined, references: [] });
  });
  it('a long chain keeps the root and the newest 19', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `<m${i}@x>`);
    const h = threadingHeaders(ids);
    expect(h.references).toHaveLength(20);
    expect(h.references[0]).toBe('<m0@x>');
    expect(h.references[19]).toBe('<m39@x>');
    expect(h.inReplyTo).toBe('<m39@x>');
  });
  it('the Message-ID derives from the event id (a resend carries the same id)', () => {
    expect(replyMessageId('0190-abc', 'omnidesk.test')).toBe('<0190-abc@omnidesk.test>');
  });
});

describe('safeDeliveryError', () => {
  it('keeps class, code and SMTP code, never the message', () => {
    const err = Object.assign(new Error('550 No such user jane@example.com'), { code: 'EENVELOPE', responseCode: 550 });
    expect(safeDeliveryError(err)).toBe('Error EENVELOPE SMTP 550');
    expect(safeDeliveryError(new PermanentDeliveryError('invalid recipient address'))).toBe('invalid recipient address');
    expect(safeDeliveryError('boom')).toBe('Error');
  });
});
