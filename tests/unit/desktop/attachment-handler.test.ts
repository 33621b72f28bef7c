/** Issue 10: the desktop fetches a message's file for the renderer from the server's attachment route. */
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/shared';
import { conversationHandlers } from '../../../src/main/core/features/conversations';
import type { Store } from '../../../src/main/core/kernel/store/index';
import { codeOf } from '../../support/error-code';

const SERVER = 'http://server.test';
const SHA = 'cd'.repeat(32);

function setup(answer: (path: string) => Response, opts: { known?: boolean; offline?: boolean } = {}) {
  const paths: Array<{ path: string; auth: string | null }> = [];
  const eventId = newId();
  const store = { events: { get: (id: string) => (opts.known !== false && id === eventId ? { event: { id } } : undefined) } } as unknown as Store;
  const h = conversationHandlers({
    active: () => ({ store, emitLive: () => {}, session: { serverUrl: SERVER, token: 'tok-1', offline: opts.offline ?? false } }),
    http: {
      fetch: (async (url: string | URL | Request, init?: RequestInit) => {
        paths.push({ path: String(url).slice(SERVER.length), auth: new Headers(init?.headers).get('authorization') });
        return answer(String(url).slice(SERVER.length));
      }) as typeof fetch,
      timeoutMs: 1000,
    },
  });
  return { h, paths, eventId };
}

describe('attachment.get (desktop core)', () => {
  it('reads the bytes from GET /api/attachments/:eventId/:sha256 with the session token, once (kept in memory)', async () => {
    const { h, paths, eventId } = setup(() => new Response(Buffer.from('PNGDATA'), { status: 200, headers: { 'content-type': 'image/png' } }));
    const r = await h['attachment.get']({ eventId, sha256: SHA });
    expect(r).toEqual({ contentType: 'image/png', size: 7, dataBase64: Buffer.from('PNGDATA').toString('base64') });
    await h['attachment.get']({ eventId, sha256: SHA });
    expect(paths).toEqual([{ path: `/api/attachments/${eventId}/${SHA}`, auth: 'Bearer tok-1' }]);
  });
  it('an event this cache does not hold: NOT_FOUND without asking the server', async () => {
    const { h, paths, eventId } = setup(() => new Response('x'), { known: false });
    expect(await codeOf(h['attachment.get']({ eventId, sha256: SHA }))).toBe('NOT_FOUND');
    expect(paths).toHaveLength(0);
  });
  it("the server's 404 (another team, erased) is NOT_FOUND; offline is UNAVAILABLE", async () => {
    const notFound = setup(() => new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no such attachment' } }), { status: 404, headers: { 'content-type': 'application/json' } }));
    expect(await codeOf(notFound.h['attachment.get']({ eventId: notFound.eventId, sha256: SHA }))).toBe('NOT_FOUND');
    const offline = setup(() => new Response('x'), { offline: true });
    expect(await codeOf(offline.h['attachment.get']({ eventId: offline.eventId, sha256: SHA }))).toBe('UNAVAILABLE');
    expect(offline.paths).toHaveLength(0);
  });
});
