import {
  COMPENSATION_AUTHORITY,
  END_STEP,
  evaluateRules,
  localize,
  missingAnswers,
  nextStep,
  runState,
  stepOf,
  verifyChain,
  type Agent,
  type Case,
  type ChainRecord,
  type Contact,
  type EscalationFacts,
  type EscalationPanel,
  type EscalationTrigger,
  type Event,
  type PromptView,
  type Role,
  type RunView,
  type ScriptEntry,
} from '../../../../shared/index';
import type { Store } from '../../kernel/store/index';
import { ruleSetOf, type DesktopRuleSet } from './rule-set';

/** A case's events in log order (synced by seq, then this desktop's pending ones in the order they were made). */
export function caseEvents(store: Store, k: Case): Event[] {
  return store.db
    .prepare<[string, string], { json: string }>(
      `SELECT json FROM events WHERE customer_id = ? AND case_id = ? AND local_state <> 'rejected'
        ORDER BY seq IS NULL, seq, client_seq, rid`,
    )
    .all(k.customerId, k.id)
    .map((r) => JSON.parse(r.json) as Event);
}

function contactsOf(store: Store, customerId: string): Contact[] {
  const cases = new Map(store.cases.byCustomer(customerId).map((c) => [c.id, c]));
  return store.threads
    .byCustomer(customerId)
    .flatMap((t) => (t.caseId ? [{ at: t.openedAt, caseId: t.caseId, subject: t.subject ?? cases.get(t.caseId)?.subject ?? '' }] : []))
    .sort((a, b) => a.at.localeCompare(b.at));
}

/** The facts the shared evaluation reads, from the cache. */
export function factsFor(store: Store, k: Case, handlerRole: Role, extraFired: readonly string[] = []): EscalationFacts {
  return {
    case: k,
    customer: store.customers.get(k.customerId),
    handlerRole,
    contacts: contactsOf(store, k.customerId),
    tags: k.escalation?.tags ?? [],
    fired: new Set([...(k.escalation?.fired ?? []), ...extraFired]),
    now: new Date().toISOString(),
  };
}

function roleOf(store: Store, k: Case, me: Agent): Role {
  if (!k.assigneeId || k.assigneeId === me.id) return me.role;
  return store.meta.directory()?.agents.find((a) => a.id === k.assigneeId)?.role ?? 'agent';
}

function entriesByRun(events: readonly Event[]): Map<string, { entries: ScriptEntry[]; startedAt: string }> {
  const runs = new Map<string, { entries: ScriptEntry[]; startedAt: string }>();
  for (const e of events) {
    if (e.kind !== 'script.recorded') continue;
    const r = runs.get(e.meta.entry.runId) ?? { entries: [], startedAt: e.occurredAt };
    r.entries.push(e.meta.entry);
    runs.set(e.meta.entry.runId, r);
  }
  return runs;
}

function promptOf(set: DesktopRuleSet, ruleId: string, detail: string | null, source: PromptView['source']): PromptView | null {
  const rule = set.ruleById.get(ruleId);
  if (!rule) return null;
  const show = rule.actions.find((a) => a.type === 'show_script');
  return { ruleId, name: rule.name, detail, actions: rule.actions, scriptId: show?.type === 'show_script' ? show.script : null, source };
}

/**
 * The panel beside the timeline: prompts still to act on, script runs (state folded from their entries), approvals,
 * the handoff and the chain's check. Prompts: rules fired on the case (by the server, in the log) whose script has not
 * been started, and what this desktop's own evaluation finds that nobody recorded yet — its pending notes (a call
 * typed offline) and the case itself (a rule set that changed since).
 */
export function escalationPanel(store: Store, me: Agent, k: Case): EscalationPanel {
  const set = ruleSetOf(store);
  const events = caseEvents(store, k);
  const runs = entriesByRun(events);
  const startedRules = new Set<string>();
  const startedScripts = new Set<string>();
  const runViews: RunView[] = [];
  for (const [runId, r] of runs) {
    const start = r.entries.find((x) => x.type === 'started');
    if (start?.type !== 'started') continue;
    if (start.ruleId) startedRules.add(start.ruleId);
    startedScripts.add(start.scriptId);
    const script = set.scripts.get(start.scriptId);
    if (!script) continue;
    const st = runState(script, r.entries);
    if (!st) continue;
    const step = st.done ? null : stepOf(script, st.stepId);
    runViews.push({
      runId,
      script,
      stepId: st.stepId,
      path: st.path,
      answers: st.answers,
      skipped: st.skipped,
      done: st.done,
      missing: step ? missingAnswers(step, st).map((q) => q.id) : [],
      next: step ? nextStep(script, step.id, st.answers) : END_STEP,
      startedAt: r.startedAt,
      ruleId: start.ruleId,
    });
  }

  const prompts: PromptView[] = [];
  const seen = new Set<string>();
  const add = (p: PromptView | null) => {
    if (!p || seen.has(p.ruleId) || startedRules.has(p.ruleId)) return;
    // a rule whose script runs already (started by another rule or by hand) is not asked again
    if (p.scriptId && startedScripts.has(p.scriptId) && !p.actions.some((a) => a.type === 'request_approval')) return;
    if (!p.scriptId && !p.actions.some((a) => a.type === 'request_approval' || a.type === 'route')) return;
    seen.add(p.ruleId);
    prompts.push(p);
  };
  for (const e of events) if (e.kind === 'escalation.fired') add(promptOf(set, e.meta.ruleId, e.meta.detail, 'server'));

  const role = roleOf(store, k, me);
  const local: EscalationTrigger[] = [{ type: 'case' }];
  for (const e of store.events.pendingForCase(k.id)) if (e.kind === 'note.added' && e.body) local.push({ type: 'message', from: 'note', text: e.body, channel: null });
  const fired = [...seen];
  for (const t of local) {
    for (const f of evaluateRules(set.rules, t, factsFor(store, k, role, fired))) {
      fired.push(f.ruleId);
      add(promptOf(set, f.ruleId, f.detail, 'local'));
    }
  }

  const records: ChainRecord[] = events.flatMap((e) => (e.kind === 'script.recorded' && e.seq !== null ? [{ id: e.id, authorId: e.author.id ?? null, entry: e.meta.entry, prev: e.meta.prev, hash: e.meta.hash }] : []));
  const broken = verifyChain(records);
  const requested = new Map(events.flatMap((e) => (e.kind === 'approval.requested' ? [[e.id, e.meta.note] as const] : [])));
  const decided = new Map(events.flatMap((e) => (e.kind === 'approval.decided' ? [[e.meta.approvalId, e.meta.reason] as const] : [])));
  const handoffEvent = k.escalation?.handoff ? events.find((e) => e.id === k.escalation!.handoff!.id) : undefined;
  const customer = store.customers.get(k.customerId);
  return {
    prompts,
    runs: runViews,
    approvals: (k.escalation?.approvals ?? []).map((a) => ({ ...a, note: requested.get(a.id) ?? '', reason: decided.get(a.id) ?? null })),
    handoff: k.escalation?.handoff && handoffEvent?.kind === 'case.handed_off' ? { ...k.escalation.handoff, summary: handoffEvent.meta.summary } : null,
    tags: k.escalation?.tags ?? [],
    chain: { records: records.length, intact: broken === null, breakAt: broken?.index ?? null },
    authority: COMPENSATION_AUTHORITY[me.role],
    language: customer?.language ?? 'en',
  };
}

/** The localized name of a rule, for logs-free UI strings. */
export function ruleName(set: DesktopRuleSet, ruleId: string, lang: string): string {
  const r = set.ruleById.get(ruleId);
  return r ? localize(r.name, lang) : ruleId;
}
