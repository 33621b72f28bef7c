/** Shared set-up of the channel suites: teams and customers written through the real event log. */
import type { Customer } from '../../../src/shared/kernel/customer';
import { newId } from '../../../src/shared/kernel/ids';
import type { Db } from '../../../src/server/kernel/db/types';
import { appendEvents } from '../../../src/server/kernel/events/append';
import { insertTeams } from '../../../src/server/features/directory';
import type { InboundMessage } from '../../../src/server/channels/types';
import type { IngestDeps } from '../../../src/server/channels/ingest';
import { DEMO_TEAMS } from '../../../src/server/seed';

export const TEAM_A = DEMO_TEAMS.glucose.id;
export const TEAM_B = DEMO_TEAMS.cardio.id;

export async function seedTeams(db: Db): Promise<void> {
  await insertTeams(db, [DEMO_TEAMS.glucose, DEMO_TEAMS.cardio]);
}

export async function createCustomer(db: Db, fields: Partial<Customer> & { name: string }): Promise<Customer> {
  const at = new Date().toISOString();
  const c: Customer = {
    id: newId(),
    teamId: TEAM_A,
    emails: [],
    phones: [],
    socialHandles: [],
    language: 'en',
    segment: 'adult',
    vip: false,
    devices: [],
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
  await db.transaction((tx) =>
    appendEvents(tx, [
      { id: newId(), seq: null, customerId: c.id, caseId: null, threadId: null, channel: 'internal', kind: 'customer.created', author: { type: 'system', id: null, name: null }, body: null, occurredAt: at, meta: { customer: c } },
    ]),
  );
  return c;
}

export interface CapturedLogs {
  lines: Array<Record<string, unknown>>;
  text(): string;
}

export function captureLogger(): IngestDeps['logger'] & CapturedLogs {
  const lines: Array<Record<string, unknown>> = [];
  const put = (level: string) => (obj: unknown, msg?: string) => {
    lines.push({ level, ...(typeof obj === 'object' && obj ? obj : { obj }), msg });
  };
  return {
    lines,
    text: () => JSON.stringify(lines),
    info: put('info'),
    warn: put('warn'),
    error: put('error'),
    debug: put('debug'),
  } as unknown as IngestDeps['logger'] & CapturedLogs;
}

let n = 0;
export function inbound(over: Partial<InboundMessage> = {}): InboundMessage {
  n++;
  return {
    channel: 'chat',
    providerMessageId: `pm-${Date.now()}-${n}`,
    identity: {},
    threadRef: `ref-${Date.now()}-${n}`,
    body: 'hello',
    occurredAt: new Date().toISOString(),
    ...over,
  };
}

export async function eventsOf(db: Db, where: string, params: unknown[] = []): Promise<Array<{ id: string; kind: string; customer_id: string; case_id: string | null; thread_id: string | null; body: string | null; meta: Record<string, unknown> }>> {
  const { rows } = await db.query<{ id: string; kind: string; customer_id: string; case_id: string | null; thread_id: string | null; body: string | null; meta: Record<string, unknown> }>(
    `select id, kind, customer_id, case_id, thread_id, body, meta from events where ${where} order by seq`,
    params,
  );
  return rows;
}
