/**
 * A fake Meta Graph API media host for tests (issue 10): `GET /{media-id}` answers the Cloud API's media object
 * `{messaging_product, url, mime_type, sha256, file_size, id}` and `GET /files/{media-id}` the bytes — both only with
 * the right bearer token, as the real API. Messenger-style signed URLs (`/cdn/{name}`) need no token. It records
 * every request (path and whether the token came) so tests can prove what was asked.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeMedia {
  bytes: Buffer;
  mimeType: string;
  /** what the media object declares (default: the bytes' real sha256, hex) */
  declaredSha256?: string;
  /** what the media object declares as file_size (default: the real size) */
  declaredSize?: number;
}

export interface FakeGraph {
  url: string;
  token: string;
  media: Map<string, FakeMedia>;
  /** Messenger-style attachment URLs: `${url}/cdn/<name>` */
  cdn: Map<string, FakeMedia>;
  requests: Array<{ path: string; bearer: boolean }>;
  /** replies sent through `POST /{phone-number-id}/messages`: the wamid answered and the text */
  sent: Array<{ wamid: string; to: string; body: string }>;
  close(): Promise<void>;
}

export const sha256Hex = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** A valid 24×24 red PNG, so a browser really shows it; `seed` appends bytes after IEND (ignored by decoders) so each seed is another file. */
export function pngBytes(seed = 0): Buffer {
  const b = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000180000001808020000006f15aaaf0000001f49444154789c6338a1a14115c4306ad0a841a3068d1a346ad0a841036f1000b53b761fefb4f0c00000000049454e44ae426082',
    'hex',
  );
  return seed === 0 ? b : Buffer.concat([b, Buffer.from(`#${seed}`)]);
}

export async function startFakeGraph(token = 'fake-graph-token-0123456789'): Promise<FakeGraph> {
  const media = new Map<string, FakeMedia>();
  const cdn = new Map<string, FakeMedia>();
  const requests: FakeGraph['requests'] = [];
  const sent: FakeGraph['sent'] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const bearer = req.headers.authorization === `Bearer ${token}`;
    requests.push({ path, bearer });
    if (req.method === 'POST' && /^\/[^/]+\/messages$/.test(path)) {
      // the Cloud API's send endpoint: answers the new message's wamid
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        if (!bearer) return void res.writeHead(401).end();
        const b = JSON.parse(raw) as { to?: string; text?: { body?: string } };
        const wamid = `wamid.OUT${sent.length + 1}.${Date.now()}`;
        sent.push({ wamid, to: b.to ?? '', body: b.text?.body ?? '' });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: b.to, wa_id: b.to }], messages: [{ id: wamid }] }));
      });
      return;
    }
    const send = (m: FakeMedia) => {
      res.writeHead(200, { 'content-type': m.mimeType, 'content-length': String(m.bytes.length) });
      res.end(m.bytes);
    };
    const cdnHit = /^\/cdn\/([^/]+)$/.exec(path);
    if (cdnHit) {
      const m = cdn.get(decodeURIComponent(cdnHit[1]!));
      if (!m) return void res.writeHead(404).end();
      return send(m);
    }
    if (!bearer) {
      res.writeHead(401, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } }));
    }
    const file = /^\/files\/([^/]+)$/.exec(path);
    if (file) {
      const m = media.get(decodeURIComponent(file[1]!));
      if (!m) return void res.writeHead(404).end();
      return send(m);
    }
    const id = /^\/([^/]+)$/.exec(path);
    const m = id ? media.get(decodeURIComponent(id[1]!)) : undefined;
    if (!id || !m) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100 } }));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        messaging_product: 'whatsapp',
        url: `${base}/files/${encodeURIComponent(id[1]!)}?ext=1&hash=abc`,
        mime_type: m.mimeType,
        sha256: m.declaredSha256 ?? sha256Hex(m.bytes),
        file_size: m.declaredSize ?? m.bytes.length,
        id: id[1],
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    token,
    media,
    cdn,
    requests,
    sent,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
