/**
 * The personal data the tests use, as the PHI log scanner (scripts/scan-logs.ts) looks for it in every log
 * the tests produced (.tmp/test-logs): customer names, emails and phone numbers of the demo world (the seeds
 * the CLI and the test servers use) and of the tests' own fixtures, message bodies, search texts, and the
 * tokens and secrets tests configure. A hit is a defect: logs never carry these (README, DOMAIN.md).
 *
 * Deliberately NOT listed:
 * - the demo login passwords (src/server/seed/demo.ts): demo data, printed on purpose by the server CLI's
 *   "Demo logins" banner on stdout; they are no customer's data.
 * - web-host's launch token: random per run, printed on purpose as the launch URL (the only stdout line).
 * - values shorter than MIN_SENTINEL_CHARS (a two-character Chinese name, "Jane"): too short to tell apart
 *   from ordinary log text; the longer values of the same people (email, phone, full name) are listed.
 */
import { generateDemoData } from '../../src/server/seed';

export type SentinelKind = 'name' | 'email' | 'phone' | 'body' | 'search' | 'token';
export interface Sentinel {
  kind: SentinelKind;
  value: string;
}

export const MIN_SENTINEL_CHARS = 6;

/** The test-side values, by kind (fixtures, bodies and tokens written in tests). */
const FIXTURES: Record<SentinelKind, readonly string[]> = {
  name: ['Margaret Chen', 'Jane Doe', 'Erin Sentinel-Name', 'Olga Keeps', 'Pat Secret', 'Old Oscar', 'Foreign Fay', 'Ana Fisher', 'Wanda Photo', 'Mail Sender'],
  email: ['margaret.chen@example.com', 'erin.sentinel@example.org', 'pat@example.org', 'old.oscar@', 'daughter@example.org'],
  phone: ['+14155550142', '+14155550199'],
  body: [
    'erase-sentinel: glucose 312 mg/dL after breakfast',
    'SECRET-GLUCOSE-READING-7.2-mmol',
    'my reading was 41',
    'sentinel pending note',
    'Please restart the receiver.',
    // social content (tests/fixtures/social/meta-webhooks.ts, issue 10): captions, places, answers, file names
    'my arm under the patch',
    'it blinks red',
    '1 Hacker Way',
    'Sensor works now',
    'report.pdf',
    'letter.pdf',
    'discharge letter',
    // the complaint record's export (tests/integration/server/complaint-export.test.ts, issue 12)
    'complaint-sentinel: the patch burned my skin',
  ],
  search: ['Old Osc', 'Foreign Fay'],
  token: [
    'integration-test-secret-0123456789-abcdefgh', // TEST_JWT_SECRET (tests/integration/helpers/server.ts)
    'fault-test-secret-fault-test-secret-0123456789', // FAULT_JWT_SECRET (tests/support/server-proc.ts)
    'e2e-secret-e2e-secret-e2e-secret-0123456789', // the e2e stack's JWT secret (tests/support/stack.ts)
    'e2e-cti-token-0123456789', // E2E_CTI_TOKEN
    'cti-token-for-tests',
    'meta-app-secret-for-tests',
    'meta-app-secret-for-delivery-tests',
    'meta-app-secret-for-media-tests',
    'e2e-social-app-secret-0123456789',
    'fake-graph-token-0123456789', // tests/support/fake-graph.ts: the Graph API access token
    'unit-test-secret-unit-test-secret-0123456789',
  ],
};

/** The demo worlds the tests run on: the CLI's default (seed 42, 220 customers) and the test servers' (seed 7). */
const DEMO_WORLDS = [
  { seed: 42, customers: 220 },
  { seed: 7, customers: 12 },
  { seed: 7, customers: 40 },
];

let cached: Sentinel[] | null = null;

/** Every sentinel, deduplicated, each at least MIN_SENTINEL_CHARS long. */
export function phiSentinels(): Sentinel[] {
  if (cached) return cached;
  const out = new Map<string, Sentinel>();
  const add = (kind: SentinelKind, value: string | null | undefined) => {
    const v = value?.trim();
    if (!v || v.length < MIN_SENTINEL_CHARS) return;
    if (!out.has(v.toLowerCase())) out.set(v.toLowerCase(), { kind, value: v });
  };
  for (const [kind, values] of Object.entries(FIXTURES) as Array<[SentinelKind, readonly string[]]>) for (const v of values) add(kind, v);
  for (const w of DEMO_WORLDS) {
    const data = generateDemoData({ seed: w.seed, customers: w.customers, now: Date.parse('2026-06-15T10:00:00.000Z') });
    for (const e of data.events) {
      if (e.kind === 'customer.created') {
        const c = e.meta.customer;
        add('name', c.name);
        for (const m of c.emails) add('email', m);
        for (const p of c.phones) add('phone', p);
      }
      // bodies long enough to be the customer's own words, not a stock phrase fragment
      if (e.body && e.body.length >= 20) add('body', e.body);
    }
  }
  cached = [...out.values()];
  return cached;
}
