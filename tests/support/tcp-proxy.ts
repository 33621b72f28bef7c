/**
 * A local TCP proxy for fault tests: 127.0.0.1:<port> → target. `cut()` destroys every open connection
 * mid-stream (what a dropped Wi-Fi or a NAT timeout does); `block()` also refuses new ones until `unblock()`.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  url: string;
  /** how many connections were cut so far */
  readonly cuts: number;
  cut(): void;
  block(): void;
  unblock(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let blocked = false;
  let cuts = 0;
  const server: Server = createServer((client) => {
    if (blocked) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    open.add(client);
    open.add(upstream);
    const done = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', done);
    upstream.on('error', done);
    client.on('close', done);
    upstream.on('close', done);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('proxy has no port');
  const proxy: TcpProxy = {
    port: addr.port,
    url: `http://127.0.0.1:${addr.port}`,
    get cuts() {
      return cuts;
    },
    cut() {
      for (const s of [...open]) {
        cuts++;
        // resetAndDestroy sends RST where available: the peer sees a broken connection, not a clean close
        if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
        else s.destroy();
      }
      open.clear();
    },
    block() {
      blocked = true;
      proxy.cut();
    },
    unblock() {
      blocked = false;
    },
    close() {
      blocked = true;
      proxy.cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
