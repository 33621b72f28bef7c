/**
 * Media downloads (issue 10; target ≥ 20 files/s): N WhatsApp image messages are ingested through the real pipeline
 * (each enqueues a media.download job in its transaction), then a jobs runner with the server's defaults
 * (concurrency 4) runs the media job against a local fake Graph API: GET /{media-id} → media object, GET its url with
 * the bearer token → 256 KB of bytes, sha256 verified, stored in `attachments`, `message.attachment_stored` appended.
 * The figure is files stored per second, from the runner's start to the last stored event.
 */
import { randomBytes } from 'node:crypto';
import { ingestBatchNow, type IngestDeps } from '../../src/server/channels/ingest';
import { mediaDownloadJob } from '../../src/server/channels/media/download';
import type { InboundMessage } from '../../src/server/channels/types';
import { createJobRunner } from '../../src/server/kernel/jobs';
import { createLogger } from '../../src/server/kernel/logger';
import { openBenchDatabase } from './bench-database';
import { record } from './lib';
import { sha256Hex, startFakeGraph } from '../support/fake-graph';

const N = 200;
const FILE_BYTES = 256 * 1024;

export async function benchMediaDownload(): Promise<void> {
  console.log(`\nMedia downloads: ${N} WhatsApp images of ${FILE_BYTES / 1024} KB → media endpoint → attachment store (jobs runner, concurrency 4)`);
  const bench = await openBenchDatabase({ max: 6 });
  const graph = await startFakeGraph();
  const logger = createLogger({ level: 'warn' });
  try {
    const msgs: InboundMessage[] = [];
    for (let i = 0; i < N; i++) {
      const bytes = randomBytes(FILE_BYTES);
      const mediaId = `BENCH-MEDIA-${i}`;
      graph.media.set(mediaId, { bytes, mimeType: 'image/jpeg' });
      const wa = `1555${String(3000000 + (i % 50)).padStart(7, '0')}`;
      msgs.push({
        channel: 'social',
        network: 'whatsapp',
        providerMessageId: `wamid.media.bench.${i}`,
        threadRef: `wa:106540352242922:${wa}`,
        identity: { phone: `+${wa}`, social: { network: 'whatsapp', handle: wa }, displayName: `WA Media ${i % 50}` },
        body: '[image]',
        occurredAt: new Date(Date.UTC(2026, 10, 16, 9) + i * 1000).toISOString(),
        parts: [{ type: 'image', mediaId, mimeType: 'image/jpeg', filename: null, caption: null }],
        media: [{ part: 0, kind: 'whatsapp', mediaId, sha256: sha256Hex(bytes), mimeType: 'image/jpeg', filename: null }],
      });
    }
    const deps: IngestDeps = { db: bench.db, logger };
    for (let i = 0; i < N; i += 50) await ingestBatchNow(deps, msgs.slice(i, i + 50));
    const stored = async () => Number((await bench.db.query<{ n: unknown }>("select count(*) as n from events where kind = 'message.attachment_stored'")).rows[0]?.n);
    const runner = createJobRunner({ db: bench.db, logger, pollIntervalMs: 50 });
    runner.registerJob(mediaDownloadJob({ db: bench.db, logger, apiBaseUrl: graph.url, accessToken: graph.token }));
    const t0 = performance.now();
    runner.start();
    let n = 0;
    while ((n = await stored()) < N) {
      if (performance.now() - t0 > 300_000) throw new Error(`only ${n} of ${N} files stored after 5 min`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const perS = N / ((performance.now() - t0) / 1000);
    await runner.stop();
    record({ id: bench.kind === 'postgres' ? 'channels.media.download_per_s' : 'channels.media.download_per_s_pglite', value: perS, unit: 'files/s', target: bench.kind === 'postgres' ? '>= 20' : null });
    const bytes = Number((await bench.db.query<{ n: unknown }>('select coalesce(sum(size), 0) as n from attachments')).rows[0]?.n);
    if (bytes < N * FILE_BYTES) throw new Error(`expected ${N * FILE_BYTES} bytes stored, found ${bytes}`);
  } finally {
    await graph.close();
    await bench.close();
  }
}
