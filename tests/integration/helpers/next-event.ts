import type { Socket } from 'socket.io-client';

/** The next `event` a socket receives, or a clear failure after `timeoutMs`. */
export function nextEvent<T>(s: Socket, event: string, timeoutMs = 15_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    s.once(event, (p: T) => {
      clearTimeout(timer);
      resolve(p);
    });
  });
}
