import { z } from 'zod';
import { PullResponse } from '../../../../shared/index';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A PullResponse sent as UTF-8 JSON bytes, the answer to a `packed` pull or fetch (issue 17): the server neither
 * builds the page's objects nor has socket.io walk and re-encode them; the desktop decodes the text once, then
 * checks it like any PullResponse. Bytes that are not UTF-8 JSON fail here like any other corrupt answer.
 * socket.io hands a binary attachment over as a Buffer in Node, an ArrayBuffer in a browser.
 */
export const PackedPullResponse = z
  .union([z.instanceof(Uint8Array), z.instanceof(ArrayBuffer)])
  .transform((bytes, ctx): unknown => {
    try {
      return JSON.parse(utf8.decode(bytes));
    } catch {
      ctx.issues.push({ code: 'custom', message: 'page is not UTF-8 JSON', input: bytes });
      return z.NEVER;
    }
  })
  .pipe(PullResponse);

/** What a pull or fetch answers: its bytes when asked `packed` (the round always asks), an object from an older server. */
export const PullAnswer = z.union([PullResponse, PackedPullResponse]);
