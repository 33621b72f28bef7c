import { describe, expect, it } from 'vitest';
import { keepForLater, MAX_PENDING_UPLOAD_BYTES, uploadPending } from '../../../src/main/core/features/conversations/uploads';
import { pendingUploads } from '../../../src/main/core/features/conversations';
import { silentLogger } from '../../../src/main/core/kernel/logger';
import { cleanupAfterEach } from '../../support/cleanups';
import { codeOf } from '../../support/error-code';
import { openStore } from '../../support/temp-store';

const session = { serverUrl: 'http://server.test', token: 't' };
const file = (text: string, filename = `${text}.pdf`) => ({ filename, contentType: 'application/pdf', bytes: Buffer.from(text) });

/** A server that answers each upload with `answer(name)`: ok, a refusal (HTTP status and code), or no answer at all. */
function server(answer: (name: string) => 'ok' | { status: number; code: string } | 'down') {
  const seen: string[] = [];
  const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
    const name = decodeURIComponent((init?.headers as Record<string, string>)['x-filename']!);
    seen.push(name);
    const a = answer(name);
    if (a === 'down') throw new TypeError('fetch failed');
    if (a !== 'ok') return new Response(JSON.stringify({ error: { code: a.code, message: 'no' } }), { status: a.status, headers: { 'content-type': 'application/json' } });
    const bytes = Buffer.from(init!.body as Uint8Array);
    const { createHash } = await import('node:crypto');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return Response.json({ id: `upload-${sha256.slice(0, 32)}`, filename: name, contentType: 'application/pdf', size: bytes.length, sha256 });
  };
  return { seen, http: { fetch: fetch as typeof globalThis.fetch, timeoutMs: 1000 } };
}

describe('files of replies written offline (issue 15)', () => {
  const defer = cleanupAfterEach();

  it('are kept once each, described as the server will describe them, and uploaded oldest first, then forgotten', async () => {
    const store = openStore(defer);
    const a = keepForLater(store, file('label'), new Date('2026-12-07T10:00:00Z'));
    keepForLater(store, file('label'), new Date('2026-12-07T10:00:01Z'));
    keepForLater(store, file('photo'), new Date('2026-12-07T10:00:02Z'));
    expect(a).toMatchObject({ filename: 'label.pdf', size: 5, id: `upload-${a.sha256.slice(0, 32)}` });
    expect(pendingUploads(store)).toBe(2);
    const s = server(() => 'ok');
    await uploadPending(store, session, s.http, silentLogger);
    expect(s.seen).toEqual(['label.pdf', 'photo.pdf']);
    expect(pendingUploads(store)).toBe(0);
  });

  it('the server away: the upload throws (the push waits) and every file is still kept', async () => {
    const store = openStore(defer);
    keepForLater(store, file('label'));
    keepForLater(store, file('photo'));
    const s = server((n) => (n === 'label.pdf' ? 'ok' : 'down'));
    expect(await codeOf(uploadPending(store, session, s.http, silentLogger))).toBe('UNAVAILABLE');
    expect(pendingUploads(store)).toBe(1);
    // a server error (5xx) is the same: try again later
    const busy = server(() => ({ status: 503, code: 'UNAVAILABLE' }));
    expect(await codeOf(uploadPending(store, session, busy.http, silentLogger))).toBe('UNAVAILABLE');
    expect(pendingUploads(store)).toBe(1);
  });

  it('a file the server refuses for what it is is dropped (the reply is then refused visibly), and the others still go', async () => {
    const store = openStore(defer);
    keepForLater(store, file('bad', 'bad.exe'), new Date('2026-12-07T10:00:00Z'));
    keepForLater(store, file('photo'), new Date('2026-12-07T10:00:01Z'));
    const s = server((n) => (n === 'bad.exe' ? { status: 400, code: 'INVALID_ARGUMENT' } : 'ok'));
    await uploadPending(store, session, s.http, silentLogger);
    expect(s.seen).toEqual(['bad.exe', 'photo.pdf']);
    expect(pendingUploads(store)).toBe(0);
  });

  it('a signed-out token is not a refusal of the file: it stays for after the next sign-in', async () => {
    const store = openStore(defer);
    keepForLater(store, file('label'));
    const s = server(() => ({ status: 401, code: 'UNAUTHENTICATED' }));
    expect(await codeOf(uploadPending(store, session, s.http, silentLogger))).toBe('UNAUTHENTICATED');
    expect(pendingUploads(store)).toBe(1);
  });

  it('refuses a file over 10 MB, and more than the cache may hold in waiting', async () => {
    const store = openStore(defer);
    expect(await codeOf(Promise.resolve().then(() => keepForLater(store, { filename: 'big.bin', contentType: 'application/octet-stream', bytes: Buffer.alloc(10 * 1024 * 1024 + 1) })))).toBe('PAYLOAD_TOO_LARGE');
    const nine = 9 * 1024 * 1024;
    const n = Math.floor(MAX_PENDING_UPLOAD_BYTES / nine);
    for (let i = 0; i < n; i++) keepForLater(store, { filename: `f${i}.bin`, contentType: 'application/octet-stream', bytes: Buffer.alloc(nine, i) });
    expect(await codeOf(Promise.resolve().then(() => keepForLater(store, { filename: 'one-more.bin', contentType: 'application/octet-stream', bytes: Buffer.alloc(nine, 255) })))).toBe('PAYLOAD_TOO_LARGE');
    expect(pendingUploads(store)).toBe(n);
  });
});
