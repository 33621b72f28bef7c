import { beforeAll, describe, expect, it } from 'vitest';
import { ingestInbound, ingestBatchNow, type IngestDeps } from '../../../../src/server/channels/ingest';
import { forEachDatabase } from '../../helpers/databases';
import { TEAM_B, captureLogger, createCustomer, eventsOf, inbound, seedTeams } from '../helpers';

forEachDatabase('inbound ingestion', (ctx) => {
  let deps: IngestDeps & { logger: ReturnType<typeof captureLogger> };
  const pokes: Array<Map<string, number>> = [];
  beforeAll(async () => {
    await seedTeams(ctx.db);
    deps = { db: ctx.db, poke: (s) => pokes.push(new Map(s)), logger: captureLogger() };
  });

  it('a new contact becomes a customer with a case, a thread and the message; pokes its team', async () => {
    const r = await ingestInbound(deps, inbound({ channel: 'chat', identity: { displayName: 'Ada Chat' }, body: 'my sensor stopped', teamHint: TEAM_B }));
    expect(r).toMatchObject({ status: 'appended', newCustomer: true, mergeSuggested: false });
    const evs = await eventsOf(ctx.db, 'customer_id = $1', [r.customerId]);
    expect(evs.map((e) => e.kind)).toEqual(['customer.created', 'case.opened', 'thread.opened', 'message.received']);
    expect(evs[3]).toMatchObject({ id: r.eventId, case_id: r.caseId, thread_id: r.threadId, body: 'my sensor stopped' });
    const kase = evs[1]?.meta.case as { priority: string; teamId: string; firstResponseDueAt: string; openedAt: string };
    expect(kase.priority).toBe('P2');
    expect(kase.teamId).toBe(TEAM_B);
    expect(Date.parse(kase.firstResponseDueAt) - Date.parse(kase.openedAt)).toBe(30 * 60_000);
    expect(pokes.at(-1)?.get(TEAM_B)).toBeGreaterThan(0);
  });

  it('the same provider message id twice: one event, the duplicate answers the same ids', async () => {
    const m = inbound({ channel: 'social', network: 'whatsapp', identity: { phone: '+14155550111', social: { network: 'whatsapp', handle: '14155550111' } } });
    const a = await ingestInbound(deps, m);
    const b = await ingestInbound(deps, { ...m, body: 'changed' });
    expect(a.status).toBe('appended');
    expect(b).toMatchObject({ status: 'duplicate', eventId: a.eventId, customerId: a.customerId, threadId: a.threadId });
    const evs = await eventsOf(ctx.db, "kind = 'message.received' and meta->>'providerMessageId' = $1", [m.providerMessageId]);
    expect(evs).toHaveLength(1);
  });

  it('concurrent duplicates (group commit) still give one event', async () => {
    const m = inbound({ channel: 'chat', identity: { displayName: 'Twin' } });
    const rs = await Promise.all([ingestInbound(deps, m), ingestInbound(deps, m), ingestInbound(deps, m)]);
    expect(rs.filter((r) => r.status === 'appended')).toHaveLength(1);
    expect(new Set(rs.map((r) => r.eventId)).size).toBe(1);
  });

  it('a known email joins its customer; a later message on the same thread ref reuses thread and case', async () => {
    const c = await createCustomer(ctx.db, { name: 'Grace Hopper', emails: ['grace@example.com'] });
    const a = await ingestInbound(deps, inbound({ channel: 'email', identity: { email: ' Grace@Example.COM ' }, subject: 'Strap broke', threadRef: '<root-1@example.com>' }));
    expect(a).toMatchObject({ status: 'appended', customerId: c.id, newCustomer: false });
    const b = await ingestInbound(deps, inbound({ channel: 'email', identity: { email: 'grace@example.com' }, subject: 'Re: Strap broke', threadRef: '<root-1@example.com>' }));
    expect(b).toMatchObject({ threadId: a.threadId, caseId: a.caseId });
  });

  it('email threads by In-Reply-To, and by subject (Re:/回复:) within 30 days for the same customer', async () => {
    const c = await createCustomer(ctx.db, { name: 'Lin Wei', emails: ['lin@example.cn'] });
    const a = await ingestInbound(deps, inbound({ channel: 'email', providerMessageId: '<m1@example.cn>', identity: { email: 'lin@example.cn' }, subject: '血压计读数', threadRef: '<m1@example.cn>' }));
    const b = await ingestInbound(deps, inbound({ channel: 'email', providerMessageId: '<m2@example.cn>', identity: { email: 'lin@example.cn' }, subject: 'x', threadRef: '<other-root@example.cn>', replyTo: ['<m1@example.cn>'] }));
    expect(b.threadId).toBe(a.threadId);
    const d = await ingestInbound(deps, inbound({ channel: 'email', identity: { email: 'lin@example.cn' }, subject: '回复: RE: 血压计读数', threadRef: '<unrelated@example.cn>' }));
    expect(d).toMatchObject({ customerId: c.id, threadId: a.threadId });
  });

  it('a phone number in another format joins the customer (E.164)', async () => {
    const c = await createCustomer(ctx.db, { name: 'Pat Phone', phones: ['+14155550123'] });
    const r = await ingestInbound(deps, inbound({ channel: 'social', identity: { phone: '(415) 555-0123' } }));
    expect(r.customerId).toBe(c.id);
  });

  it('two customers share the phone and no name tells them apart: new customer + merge suggestion', async () => {
    const a = await createCustomer(ctx.db, { name: 'Mom Family', phones: ['+14155550177'] });
    const b = await createCustomer(ctx.db, { name: 'Kid Family', phones: ['+14155550177'] });
    const r = await ingestInbound(deps, inbound({ channel: 'social', identity: { phone: '+1 415 555 0177' } }));
    expect(r).toMatchObject({ newCustomer: true, mergeSuggested: true });
    const evs = await eventsOf(ctx.db, "customer_id = $1 and kind = 'customer.merge_suggested'", [r.customerId]);
    const ids = (evs[0]?.meta.candidates as Array<{ customerId: string }>).map((x) => x.customerId).sort();
    expect(ids).toEqual([a.id, b.id].sort());
    // with the name of one of them, it joins that one
    const r2 = await ingestInbound(deps, inbound({ channel: 'social', identity: { phone: '+14155550177', displayName: 'kid  family' } }));
    expect(r2.customerId).toBe(b.id);
  });

  it('an email one edit away, or the same name only: a new customer and a suggestion, never a join', async () => {
    const c = await createCustomer(ctx.db, { name: 'Margaret Typo', emails: ['margaret.typo@example.org'] });
    const r = await ingestInbound(deps, inbound({ channel: 'email', identity: { email: 'margaret.tpyo@example.org' } }));
    expect(r).toMatchObject({ newCustomer: true, mergeSuggested: true });
    expect(r.customerId).not.toBe(c.id);
    const r2 = await ingestInbound(deps, inbound({ channel: 'chat', identity: { displayName: 'Margaret Typo' } }));
    expect(r2).toMatchObject({ newCustomer: true, mergeSuggested: true });
    const rows = await ctx.db.query<{ candidate_id: string; reason: string }>('select candidate_id, reason from merge_suggestions where customer_id = $1', [r.customerId]);
    expect(rows.rows).toEqual([{ candidate_id: c.id, reason: 'similar_email' }]);
  });

  it('safety language (English or Chinese) opens a P0 case; on an open case it raises the priority', async () => {
    const r = await ingestInbound(deps, inbound({ channel: 'chat', body: '贴片让我的皮肤烫伤了' }));
    const opened = await eventsOf(ctx.db, "kind = 'case.opened' and case_id = $1", [r.caseId]);
    expect((opened[0]?.meta.case as { priority: string }).priority).toBe('P0');
    const m = inbound({ channel: 'chat', body: 'hello' });
    const first = await ingestInbound(deps, m);
    await ingestInbound(deps, inbound({ channel: 'chat', threadRef: m.threadRef, body: 'now the watch is overheating and burned my wrist' }));
    const changed = await eventsOf(ctx.db, "kind = 'case.priority_changed' and case_id = $1", [first.caseId]);
    expect(changed[0]?.meta).toEqual({ from: 'P2', to: 'P0' });
  });

  it('a harm report carries a safety flag with its categories and the words that show it; harmless and machine mail carry none', async () => {
    const body = 'Hi, the ECG patch left a burn mark on my mother\'s chest.';
    const r = await ingestInbound(deps, inbound({ channel: 'social', body }));
    const flags = await eventsOf(ctx.db, "kind = 'safety.flagged' and case_id = $1", [r.caseId]);
    expect(flags).toHaveLength(1);
    const meta = flags[0]!.meta as { messageId: string; categories: string[]; evidence: Array<{ start: number; end: number }>; source: string };
    expect(meta).toMatchObject({ messageId: r.eventId, source: 'detector' });
    expect(meta.categories).toContain('burn_heat');
    expect(meta.evidence.map((e) => body.slice(e.start, e.end))).toContain('burn');
    // the flag holds no text of the message
    expect(JSON.stringify(flags[0])).not.toContain('mother');

    const calm = await ingestInbound(deps, inbound({ channel: 'social', body: 'No burns or rash, I only need a new strap' }));
    expect(await eventsOf(ctx.db, "kind = 'safety.flagged' and case_id = $1", [calm.caseId])).toHaveLength(0);
    const robot = await ingestInbound(deps, inbound({ channel: 'email', automated: 'auto-reply', subject: 'Out of office', body: 'the patch burned my skin' }));
    expect(await eventsOf(ctx.db, "kind = 'safety.flagged' and customer_id = $1", [robot.customerId])).toHaveLength(0);
  });

  it('NUL characters are dropped, not a failure; an invalid message is refused without touching the log', async () => {
    const r = await ingestInbound(deps, inbound({ body: 'a\u0000b' }));
    const ev = await eventsOf(ctx.db, 'id = $1', [r.eventId]);
    expect(ev[0]?.body).toBe('ab');
    await expect(ingestInbound(deps, inbound({ providerMessageId: '' }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(ingestInbound(deps, inbound({ occurredAt: 'yesterday' }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('a batch in one transaction: in-batch repeats are duplicates, the second message joins the customer the first created', async () => {
    const m1 = inbound({ channel: 'social', identity: { social: { network: 'messenger', handle: 'PSID-9001' } } });
    const m2 = inbound({ channel: 'social', identity: { social: { network: 'messenger', handle: 'psid-9001' } }, threadRef: m1.threadRef });
    const rs = await ingestBatchNow(deps, [m1, m2, m1]);
    expect(rs.map((r) => r.status)).toEqual(['appended', 'appended', 'duplicate']);
    expect(rs[1]?.customerId).toBe(rs[0]?.customerId);
    expect(rs[1]?.threadId).toBe(rs[0]?.threadId);
    expect(rs[2]?.eventId).toBe(rs[0]?.eventId);
  });

  it('logs carry no bodies, names, emails or phone numbers', () => {
    const text = deps.logger.text();
    for (const secret of ['Grace', 'grace@example.com', '4155550123', 'sensor stopped', '烫伤']) expect(text).not.toContain(secret);
  });
});

describe('ingest module shape', () => {
  it('exports the pipeline entry point', () => {
    expect(typeof ingestInbound).toBe('function');
  });
});
