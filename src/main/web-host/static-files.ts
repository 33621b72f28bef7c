import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built renderer from `staticDir`: GET/HEAD only, no way out of the directory (decoded `..`,
 * NUL bytes), `index.html` for unknown extensionless paths (client-side routes), 404 for missing assets.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, staticDir: string, headers: Record<string, string>): Promise<void> {
  const send = (status: number, text: string) => {
    res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : text);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return send(405, 'method not allowed');
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return send(400, 'bad path');
  }
  if (pathname.includes('\0')) return send(400, 'bad path');

  const root = resolve(staticDir);
  const target = resolve(root, `.${pathname}`);
  if (target !== root && !target.startsWith(root + sep)) return send(404, 'not found');

  let file = target;
  let info = await statOrNull(file);
  if (info?.isDirectory()) {
    file = resolve(file, 'index.html');
    info = await statOrNull(file);
  }
  if (!info?.isFile()) {
    if (extname(pathname) !== '') return send(404, 'not found');
    file = resolve(root, 'index.html');
    info = await statOrNull(file);
    if (!info?.isFile()) return send(404, 'the renderer is not built: run `npm run build:renderer`');
  }
  const ext = extname(file).toLowerCase();
  res.writeHead(200, {
    ...headers,
    'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'content-length': String(info.size),
    'cache-control': ext === '.html' ? 'no-cache' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}
