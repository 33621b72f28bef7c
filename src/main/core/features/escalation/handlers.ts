import {
  aboveAuthority,
  checkEntry,
  detectAsks,
  detectCompensation,
  detectMood,
  ESCALATION_PATHS,
  EscalationDocumentDeleted,
  EscalationDocumentSaved,
  escalationLabels,
  evaluateRules,
  handoffSummary,
  loadEscalationSet,
  newId,
  runState,
  sortRules,
  tierRank,
  type Agent,
  type Case,
  type EscalationAlert,
  type PromptView,
  type ScriptEntry,
} from '../../../../shared/index';
import { OmnideskError } from '../../../../shared/kernel/errors';
import type { AlertInbox } from '../../kernel/alert-inbox';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { LocalChange } from '../../kernel/mutations';
import type { HttpOptions } from '../../kernel/session/auth';
import { readJson, serverCall, type ServerSession } from '../../kernel/session/server-api';
import type { Store } from '../../kernel/store/index';
import { caseEvents, escalationPanel, factsFor } from './panel';
import { ruleSetOf } from './rule-set';

export interface EscalationContext {
  store(): Store;
  agent(): Agent;
  session(): ServerSession & { offline: boolean };
  http: HttpOptions;
  inbox(): AlertInbox<EscalationAlert>;
  /** decides a shared mutation against the cache and queues it (the desktop core's one way to change anything) */
  change(change: LocalChange): { eventId: string };
  referenceChanged(): void;
}

type Methods =
  | 'escalation.panel'
  | 'escalation.check'
  | 'escalation.start'
  | 'escalation.record'
  | 'escalation.dismiss'
  | 'escalation.handoff'
  | 'escalation.alerts'
  | 'escalation.dismissAlert'
  | 'escalation.labels'
  | 'escalation.documents'
  | 'escalation.preview'
  | 'escalation.saveDocument'
  | 'escalation.deleteDocument';

const withName = (name: string) => ESCALATION_PATHS.document.replace(':name', encodeURIComponent(name));

/**
 * Bridge handlers of the escalation panel (issue 13). Everything but the admin's saves works on the cache, offline
 * too: an entry is checked against its script (./runner checkEntry) and then recorded through the shared
 * `script.record` mutation, which chains it to the case's last record.
 */
export function escalationHandlers(ctx: EscalationContext): Pick<BridgeHandlers, Methods> {
  const caseOf = (caseId: string): Case => {
    const k = ctx.store().cases.get(caseId);
    if (!k) throw new OmnideskError('NOT_FOUND', 'case not found');
    return k;
  };
  const online = () => {
    const s = ctx.session();
    if (s.offline) throw new OmnideskError('UNAVAILABLE', 'escalation files are saved on the server: signed in offline');
    return s;
  };
  const start = (k: Case, scriptId: string, ruleId: string | null) => {
    const set = ruleSetOf(ctx.store());
    const script = set.scripts.get(scriptId);
    if (!script) throw new OmnideskError('NOT_FOUND', 'no such script');
    const runId = newId();
    const revision = set.documents.find((d) => d.scripts.some((x) => x.id === scriptId))?.revision ?? 0;
    const { eventId } = ctx.change({ name: 'script.record', args: { caseId: k.id, entry: { type: 'started', runId, scriptId, revision, ruleId } } });
    return { runId, eventId };
  };

  return {
    'escalation.panel': async ({ caseId }) => escalationPanel(ctx.store(), ctx.agent(), caseOf(caseId)),

    'escalation.check': async ({ caseId, draft }) => {
      const store = ctx.store();
      const me = ctx.agent();
      const k = caseOf(caseId);
      const tier = detectCompensation(draft);
      const set = ruleSetOf(store);
      const prompts: PromptView[] = evaluateRules(set.rules, { type: 'draft', text: draft }, factsFor(store, k, me.role)).map((f) => {
        const show = f.actions.find((a) => a.type === 'show_script');
        return { ruleId: f.ruleId, name: set.ruleById.get(f.ruleId)!.name, detail: f.detail, actions: f.actions, scriptId: show?.type === 'show_script' ? show.script : null, source: 'local' as const };
      });
      const needsApproval = tier !== null && aboveAuthority(tier, me.role);
      // an approval a lead gave on this case for this tier or a higher one covers the offer
      const approved = needsApproval && (k.escalation?.approvals ?? []).some((a) => a.state === 'approved' && tierRank(a.tier) >= tierRank(tier));
      return { tier, needsApproval, approved, prompts };
    },

    'escalation.start': async ({ caseId, scriptId, ruleId }) => start(caseOf(caseId), scriptId, ruleId),

    'escalation.record': async ({ caseId, entry }) => {
      const store = ctx.store();
      const k = caseOf(caseId);
      if (entry.type === 'started') throw new OmnideskError('INVALID_ARGUMENT', 'start a script with escalation.start');
      const events = caseEvents(store, k);
      const entries: ScriptEntry[] = events.flatMap((e) => (e.kind === 'script.recorded' && e.meta.entry.runId === entry.runId ? [e.meta.entry] : []));
      const started = entries.find((x) => x.type === 'started');
      if (started?.type !== 'started') throw new OmnideskError('NOT_FOUND', 'no such script run on this case');
      const script = ruleSetOf(store).scripts.get(started.scriptId);
      if (!script) throw new OmnideskError('NOT_FOUND', 'the script is no longer in force');
      const state = runState(script, entries)!;
      const ok = checkEntry(script, state, entry);
      if (!ok.ok) throw new OmnideskError('INVALID_ARGUMENT', ok.reason);
      return ctx.change({ name: 'script.record', args: { caseId, entry } });
    },

    'escalation.dismiss': async ({ caseId, ruleId, reason }) => {
      const k = caseOf(caseId);
      const set = ruleSetOf(ctx.store());
      const rule = set.ruleById.get(ruleId);
      const show = rule?.actions.find((a) => a.type === 'show_script');
      if (show?.type !== 'show_script') throw new OmnideskError('NOT_FOUND', 'no script to dismiss for this rule');
      const script = set.scripts.get(show.script);
      if (!script) throw new OmnideskError('NOT_FOUND', 'no such script');
      // shown, then overridden to its end with the reason: the record keeps that the prompt was seen and set aside
      const { runId } = start(k, show.script, ruleId);
      return ctx.change({ name: 'script.record', args: { caseId, entry: { type: 'overridden', runId, stepId: script.steps[0]!.id, to: 'end', reason } } });
    },

    'escalation.handoff': async ({ caseId, to, note, ruleId }) => {
      const store = ctx.store();
      const k = caseOf(caseId);
      const me = ctx.agent();
      const summary = handoffSummary({ case: k, customer: store.customers.get(k.customerId), events: caseEvents(store, k), scripts: ruleSetOf(store).scripts, lang: me.languages[0] ?? 'en', note });
      const { eventId } = ctx.change({ name: 'case.handoff', args: { caseId, to, summary, ruleId } });
      return { eventId, summary };
    },

    'escalation.alerts': async () => ({ alerts: ctx.inbox().list() }),
    'escalation.dismissAlert': async ({ eventId }) => {
      ctx.inbox().dismiss(eventId);
      return {};
    },

    'escalation.labels': async () => {
      const set = ruleSetOf(ctx.store());
      return escalationLabels(set.rules, set.scripts.values());
    },

    'escalation.documents': async () => ({
      documents: ruleSetOf(ctx.store()).documents.map((d) => ({ name: d.name, source: d.source, revision: d.revision, rules: d.rules.length, scripts: d.scripts.length })),
    }),

    'escalation.preview': async ({ name, source, sample }) => {
      const docs = ruleSetOf(ctx.store()).documents.filter((d) => d.name !== name);
      const r = loadEscalationSet([...docs.map((d) => ({ name: d.name, text: d.source })), { name, text: source }]);
      const mood = detectMood(sample).mood;
      const asks = detectAsks(sample);
      if (!r.ok) return { errors: r.errors, rules: 0, scripts: 0, mood, asks, fires: [] };
      const store = ctx.store();
      // a sample message on a fresh case of an ordinary customer: which rules would fire, in order
      const anyId = store.db.prepare<[], string>('SELECT id FROM cases ORDER BY id LIMIT 1').pluck().get();
      const k = anyId ? store.cases.get(anyId) : null;
      const fires = k
        ? evaluateRules(sortRules(r.set.rules), { type: 'message', from: 'customer', text: sample, channel: 'chat' }, { ...factsFor(store, k, 'agent'), fired: new Set() }).map((f) => ({ ruleId: f.ruleId, detail: f.detail }))
        : [];
      return { errors: [], rules: r.set.rules.length, scripts: r.set.scripts.length, mood, asks, fires };
    },

    'escalation.saveDocument': async ({ name, source }) => {
      const saved = await readJson(await serverCall(online(), withName(name), ctx.http, { method: 'PUT', body: JSON.stringify({ source }) }), EscalationDocumentSaved);
      ctx.referenceChanged();
      return saved;
    },
    'escalation.deleteDocument': async ({ name }) => {
      const deleted = await readJson(await serverCall(online(), withName(name), ctx.http, { method: 'DELETE' }), EscalationDocumentDeleted);
      ctx.referenceChanged();
      return deleted;
    },
  };
}
