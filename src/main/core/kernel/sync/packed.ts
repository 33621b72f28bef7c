import { inflateSync } from 'node:zlib';
import { z } from 'zod';
import { PullResponse } from '../../../../shared/index';

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** zlib's first byte (CMF, deflate with a 32 KiB window); a JSON page starts with `{` */
const ZLIB = 0x78;
/** an inflated page larger than this is refused (a hostile or broken server must not exhaust the desktop's memory) */
const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

/**
 * A PullResponse sent as bytes, the answer to a `packed` pull or fetch (issue 17): UTF-8 JSON, zlib-compressed when
 * the page is large (src/server/kernel/sync/page.ts `packAnswer`). The server neither builds the page's objects nor
 * has socket.io walk and re-encode them; the desktop inflates and decodes once, then checks the page like any
 * PullResponse. Bytes that are neither fail here like any other corrupt answer. socket.io hands a binary
 * attachment over as a Buffer in Node, an ArrayBuffer in a browser.
 */
export const PackedPullResponse = z
  .union([z.instanceof(Uint8Array), z.instanceof(ArrayBuffer)])
  .transform((raw, ctx): unknown => {
    try {
      const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
      const text = bytes[0] === ZLIB ? inflateSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES }) : bytes;
      return JSON.parse(utf8.decode(text));
    } catch {
      ctx.issues.push({ code: 'custom', message: 'page is neither UTF-8 JSON nor zlib-compressed UTF-8 JSON', input: raw });
      return z.NEVER;
    }
  })
  .pipe(PullResponse);

/** What a pull or fetch answers: its bytes when asked `packed` (the round always asks), an object from an older server. */
export const PullAnswer = z.union([PullResponse, PackedPullResponse]);
