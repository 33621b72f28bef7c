import { describe, expect, it } from 'vitest';
import { bridgeMethods } from '../../../src/shared/contracts/bridge';
import { newId } from '../../../src/shared/kernel/ids';
import { complaintExportHandlers, type SafetySession } from '../../../src/main/core/features/safety';
import { codeOf } from '../../support/error-code';

const SERVER = 'http://server.test';
const CASE = newId();

/** The safety handlers over a fake fetch answering `answer(path)`; records every request. */
function setup(answer: (path: string) => Response | Promise<Response>, session: Partial<SafetySession> = {}) {
  const seen: Array<{ path: string; auth: string | null }> = [];
  const fetchFake: typeof fetch = async (url, init) => {
    const path = String(url).slice(SERVER.length);
    seen.push({ path, auth: new Headers(init?.headers).get('authorization') });
    return answer(path);
  };
  const h = complaintExportHandlers({ session: () => ({ serverUrl: SERVER, token: 'tok-1', offline: false, ...session }), http: { fetch: fetchFake, timeoutMs: 1000 } });
  return { h, seen };
}

const file = (type: string, body: Uint8Array | string, name: string) =>
  new Response(body, { status: 200, headers: { 'content-type': type, 'content-disposition': `attachment; filename="${name}"` } });
const error = (status: number, code: string) => new Response(JSON.stringify({ error: { code, message: 'm' } }), { status, headers: { 'content-type': 'application/json' } });
const output = bridgeMethods['complaint.export'].output;

describe('complaint.export (desktop core)', () => {
  it('asks the server for the JSON with the session token and hands back the file as base64', async () => {
    const body = JSON.stringify({ record: { id: 'x' }, verbatim: { body: '贴片烫伤 🔥' } });
    const { h, seen } = setup(() => file('application/json; charset=utf-8', body, `complaint-${CASE}.json`));
    const got = output.parse(await h['complaint.export']({ caseId: CASE, format: 'json' }));
    expect(got).toMatchObject({ filename: `complaint-${CASE}.json`, mimeType: 'application/json' });
    expect(Buffer.from(got.base64, 'base64').toString('utf8')).toBe(body);
    expect(seen).toEqual([{ path: `/api/safety/complaints/${CASE}/export?format=json`, auth: 'Bearer tok-1' }]);
  });

  it('a PDF arrives byte for byte', async () => {
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x33, 0x0a, 0xff, 0x00, 0x80]);
    const { h, seen } = setup(() => file('application/pdf', pdf, `complaint-${CASE}.pdf`));
    const got = output.parse(await h['complaint.export']({ caseId: CASE, format: 'pdf' }));
    expect(got).toMatchObject({ filename: `complaint-${CASE}.pdf`, mimeType: 'application/pdf' });
    expect([...Buffer.from(got.base64, 'base64')]).toEqual([...pdf]);
    expect(seen[0]!.path).toBe(`/api/safety/complaints/${CASE}/export?format=pdf`);
  });

  it('signed in offline: UNAVAILABLE at once, nothing asked of the server', async () => {
    const { h, seen } = setup(() => file('application/pdf', '%PDF-', 'x.pdf'), { offline: true });
    expect(await codeOf(h['complaint.export']({ caseId: CASE, format: 'pdf' }))).toBe('UNAVAILABLE');
    expect(seen).toEqual([]);
  });

  it.each([
    [404, 'NOT_FOUND', 'NOT_FOUND'],
    [403, 'FORBIDDEN', 'FORBIDDEN'],
    [400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT'],
    [503, 'UNAVAILABLE', 'UNAVAILABLE'],
  ])('the server answers %i %s: %s', async (status, code, want) => {
    const { h } = setup(() => error(status, code));
    expect(await codeOf(h['complaint.export']({ caseId: CASE, format: 'json' }))).toBe(want);
  });

  it('an unreachable server, or an answer that is not the file asked for: UNAVAILABLE', async () => {
    const down = setup(() => Promise.reject(new TypeError('fetch failed')));
    expect(await codeOf(down.h['complaint.export']({ caseId: CASE, format: 'pdf' }))).toBe('UNAVAILABLE');
    const wrong = setup(() => file('text/html', '<html>', 'x.html'));
    expect(await codeOf(wrong.h['complaint.export']({ caseId: CASE, format: 'pdf' }))).toBe('UNAVAILABLE');
  });

  it('without a usable file name, the contract\'s', async () => {
    const { h } = setup(() => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
    expect((await h['complaint.export']({ caseId: CASE, format: 'json' })).filename).toBe(`complaint-${CASE}.json`);
  });
});
