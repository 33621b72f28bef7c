/** `npm run bench`: prints figures with targets and ratios, writes bench-results.json at the repository root. */
import { join } from 'node:path';
import { allResults, meets, writeResults } from './lib';
import { benchFirstPaint } from './first-paint.bench';
import { benchTimelineQuery } from './timeline-query.bench';
import { benchSyncCatchup } from './sync-catchup.bench';
import { benchSyncPush } from './sync-push.bench';
import { benchEmailInbound } from './email-inbound.bench';
import { benchIdentity } from './identity.bench';
import { benchChatSocialInbound } from './chat-social-inbound.bench';
import { benchSla } from './sla.bench';
import { benchAuditTimeline } from './audit-timeline.bench';
import { benchAuthFlood } from './auth-flood.bench';
import { benchMediaDownload } from './media-download.bench';
import { benchSafety } from './safety.bench';
import { benchEmailLarge } from './email-large.bench';
import { benchEscalation } from './escalation.bench';
import { benchKnowledge } from './knowledge.bench';
import { benchRouting } from './routing.bench';
import { benchLead } from './lead.bench';
import { benchClusterFanout } from './cluster-fanout.bench';
import { benchSyncHerd } from './sync-herd.bench';
import { benchClusterPush } from './cluster-push.bench';

const only = process.argv.slice(2);
const benches: Array<[string, () => Promise<void>]> = [
  ['timeline-query', benchTimelineQuery],
  ['first-paint', benchFirstPaint],
  ['sync-catchup', benchSyncCatchup],
  ['sync-push', benchSyncPush],
  ['email-inbound', benchEmailInbound],
  ['identity', benchIdentity],
  ['chat-social-inbound', benchChatSocialInbound],
  ['sla', benchSla],
  ['audit-timeline', benchAuditTimeline],
  ['auth-flood', benchAuthFlood],
  ['media-download', benchMediaDownload],
  ['safety', benchSafety],
  ['email-large', benchEmailLarge],
  ['sentiment', benchEscalation],
  ['knowledge', benchKnowledge],
  ['routing', benchRouting],
  ['lead', benchLead],
  ['cluster', benchClusterFanout],
  ['sync-herd', benchSyncHerd],
  ['cluster-push', benchClusterPush],
];

for (const [name, run] of benches) {
  if (only.length && !only.includes(name)) continue;
  await run();
}
const file = join(process.cwd(), 'bench-results.json');
writeResults(file);
const missed = allResults().filter((r) => r.target !== null && !meets(r.value, r.target));
console.log(`\nWrote ${file} (${allResults().length} figures; ${missed.length} miss their target${missed.length ? ': ' + missed.map((r) => r.id).join(', ') : ''}).`);
