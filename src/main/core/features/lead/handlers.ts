import { z } from 'zod';
import {
  AlertsResponse,
  KpiCasesResponse,
  KpiResponse,
  LEAD_PATHS,
  LEAD_LIVE,
  LeadMessage,
  LeadMessageSent,
  OmnideskError,
  Wallboard,
  WallboardResponse,
  type KpiQuery,
} from '../../../../shared/index';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { HttpOptions } from '../../kernel/session/auth';
import { readJson, serverCall, type ServerSession } from '../../kernel/session/server-api';
import type { Store } from '../../kernel/store/index';

export interface LeadContext {
  store(): Store;
  session(): ServerSession & { offline: boolean };
  http: HttpOptions;
}

type Methods = 'lead.wallboard' | 'lead.kpis' | 'lead.kpiCases' | 'lead.caseLines' | 'lead.alerts' | 'lead.message';

/** The last wallboards and report this desktop had (kept in the encrypted cache), for a lead who is offline. */
const WALLBOARDS = 'lead.wallboards';
const REPORT = 'lead.report';
const Kept = z.object({ at: z.string(), wallboards: z.array(Wallboard) });
const KeptReport = z.object({ at: z.string(), query: z.string(), report: KpiResponse });
const ALERTS = 'lead.alerts';
const KeptAlerts = z.object({ query: z.string(), alerts: AlertsResponse });

function read<T>(store: Store, key: `${string}.${string}`, schema: z.ZodType<T>): T | null {
  const raw = store.meta.featureValue(key);
  if (!raw) return null;
  try {
    const p = schema.safeParse(JSON.parse(raw));
    return p.success ? p.data : null;
  } catch {
    return null;
  }
}

const query = (q: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(q).flatMap(([k, v]): Array<[string, string]> => (v === undefined ? [] : [[k, String(v)]]))).toString();

/**
 * The lead console's bridge handlers (issue 16). Figures come from the server; the last ones are kept in the cache so
 * a lead who lost the server still sees them, marked stale with their time. Another failure (FORBIDDEN) is not hidden.
 */
export function leadHandlers(ctx: LeadContext): Pick<BridgeHandlers, Methods> {
  const fetchOr = async <T>(fetchIt: () => Promise<T>, fallback: () => T | null): Promise<T> => {
    const session = ctx.session();
    if (!session.offline) {
      try {
        return await fetchIt();
      } catch (err) {
        if (!(err instanceof OmnideskError) || err.code !== 'UNAVAILABLE') throw err;
      }
    }
    const kept = fallback();
    if (kept === null) throw new OmnideskError('UNAVAILABLE', 'the console needs the server once: nothing kept on this desktop yet');
    return kept;
  };

  return {
    'lead.wallboard': async (input) =>
      fetchOr(
        async () => {
          const res = await readJson(await serverCall(ctx.session(), `${LEAD_PATHS.wallboard}?${query(input)}`, ctx.http), WallboardResponse);
          const at = new Date().toISOString();
          if (!input.teamId) ctx.store().meta.setFeatureValue(WALLBOARDS, JSON.stringify({ at, wallboards: res.wallboards }));
          return { wallboards: res.wallboards, stale: false as boolean, at };
        },
        () => {
          const kept = read(ctx.store(), WALLBOARDS, Kept);
          if (!kept) return null;
          const wallboards = input.teamId ? kept.wallboards.filter((w) => w.teamId === input.teamId) : kept.wallboards;
          return { wallboards, stale: true as boolean, at: kept.at };
        },
      ),
    'lead.kpis': async (input: KpiQuery) => {
      const key = JSON.stringify(input);
      return fetchOr(
        async () => {
          const report = await readJson(await serverCall(ctx.session(), `${LEAD_PATHS.kpis}?${query(input)}`, ctx.http), KpiResponse);
          ctx.store().meta.setFeatureValue(REPORT, JSON.stringify({ at: report.generatedAt, query: key, report }));
          return { ...report, stale: false as boolean, at: report.generatedAt };
        },
        () => {
          const kept = read(ctx.store(), REPORT, KeptReport);
          return kept && kept.query === key ? { ...kept.report, stale: true as boolean, at: kept.at } : null;
        },
      );
    },
    'lead.alerts': async (input) => {
      const key = JSON.stringify(input);
      return fetchOr(
        async () => {
          const alerts = await readJson(await serverCall(ctx.session(), `${LEAD_PATHS.alerts}?${query(input)}`, ctx.http), AlertsResponse);
          ctx.store().meta.setFeatureValue(ALERTS, JSON.stringify({ query: key, alerts }));
          return { ...alerts, stale: false as boolean, at: alerts.generatedAt };
        },
        () => {
          const kept = read(ctx.store(), ALERTS, KeptAlerts);
          return kept && kept.query === key ? { ...kept.alerts, stale: true as boolean, at: kept.alerts.generatedAt } : null;
        },
      );
    },
    'lead.caseLines': async ({ caseIds }) => {
      const store = ctx.store();
      const lines = caseIds.flatMap((caseId) => {
        const k = store.cases.get(caseId);
        if (!k) return [];
        return [{ caseId, customerId: k.customerId, customerName: store.customers.get(k.customerId)?.name ?? '', subject: k.subject }];
      });
      return { lines };
    },
    'lead.message': async (input) => {
      const session = ctx.session();
      if (session.offline) throw new OmnideskError('UNAVAILABLE', 'a message to an agent needs the server');
      return readJson(await serverCall(session, LEAD_PATHS.message, ctx.http, { method: 'POST', body: JSON.stringify(input) }), LeadMessageSent);
    },
    'lead.kpiCases': async (input) => {
      const session = ctx.session();
      if (session.offline) throw new OmnideskError('UNAVAILABLE', 'the cases behind a figure need the server');
      return readJson(await serverCall(session, `${LEAD_PATHS.kpiCases}?${query(input)}`, ctx.http), KpiCasesResponse);
    },
  };
}

/**
 * A wallboard the server pushed: kept with the others (the offline copy) and passed on to the window; a lead's message to
 * this agent: passed on, never kept. Returns false for other live events.
 */
export function relayLeadLive(event: string, payload: unknown, store: Store | null, emit: (board: Wallboard) => void, message: (m: LeadMessage) => void = () => undefined): boolean {
  if (event === LEAD_LIVE.message) {
    const m = LeadMessage.safeParse(payload);
    if (m.success) message(m.data);
    return true;
  }
  if (event !== LEAD_LIVE.wallboard) return false;
  const p = Wallboard.safeParse(payload);
  if (!p.success) return true;
  if (store) {
    const kept = read(store, WALLBOARDS, Kept);
    const wallboards = [...(kept?.wallboards ?? []).filter((w) => w.teamId !== p.data.teamId), p.data];
    store.meta.setFeatureValue(WALLBOARDS, JSON.stringify({ at: p.data.generatedAt, wallboards }));
  }
  emit(p.data);
  return true;
}
