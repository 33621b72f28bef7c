import { z } from 'zod';
import { MACRO, MACRO_PATHS, macroListItem, macroVisibleTo, mayWriteMacro, OmnideskError, renderMacro, SIGNATURE, Macro, Signature, type Agent, type Language } from '../../../../shared/index';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { HttpOptions } from '../../kernel/session/auth';
import { readJson, serverCall, type ServerSession } from '../../kernel/session/server-api';
import type { Store } from '../../kernel/store/index';

export interface MacrosContext {
  store(): Store;
  agent(): Agent;
  session(): ServerSession & { offline: boolean };
  http: HttpOptions;
  referenceChanged(): void;
}

type Methods = 'macros.list' | 'macros.render' | 'macros.get' | 'macros.save' | 'macros.delete' | 'macros.signature' | 'macros.saveSignature';

const path = (id: string) => MACRO_PATHS.macro.replace(':id', encodeURIComponent(id));

/**
 * After a save, until this desktop's cache holds the new version (the pull the save started), at most `ms`: a reply
 * saved is a reply usable in the next reply box. Past the limit the answer comes anyway; the pull still lands.
 */
async function untilCached(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}

/** The macros this agent may use: their team's and their own; their own first, so a personal `#thanks` wins. */
function usable(store: Store, me: Agent): Macro[] {
  return store.reference
    .list(MACRO)
    .filter((m) => macroVisibleTo(m, me))
    .sort((a, b) => (a.scope === b.scope ? a.title.localeCompare(b.title) : a.scope === 'personal' ? -1 : 1));
}

/** Bridge handlers of the reply tools (issue 15): listed and filled from the cache (offline too); saved on the server. */
export function macrosHandlers(ctx: MacrosContext): Pick<BridgeHandlers, Methods> {
  const online = () => {
    const s = ctx.session();
    if (s.offline) throw new OmnideskError('UNAVAILABLE', 'macros are saved on the server: signed in offline');
    return s;
  };
  return {
    'macros.list': async () => {
      const me = ctx.agent();
      return {
        macros: usable(ctx.store(), me).map((m) => macroListItem(m, mayWriteMacro(m, me))),
      };
    },
    'macros.render': async ({ macroId, shortcut, customerId, caseId }) => {
      const store = ctx.store();
      const me = ctx.agent();
      const macros = usable(store, me);
      const macro = macroId ? macros.find((m) => m.id === macroId) : macros.find((m) => m.shortcut === shortcut?.toLowerCase());
      if (!macro) throw new OmnideskError('NOT_FOUND', 'no such macro');
      const customer = store.customers.get(customerId);
      if (!customer) throw new OmnideskError('NOT_FOUND', 'customer not in this cache');
      const kase = caseId ? store.cases.get(caseId) : null;
      const language: Language = customer.language;
      const r = renderMacro(macro, { customer, agent: me, caseSubject: kase?.subject ?? null }, language);
      return { macroId: macro.id, ...r, setStatus: macro.setStatus, addTags: macro.addTags };
    },
    'macros.get': async ({ id }) => {
      const m = usable(ctx.store(), ctx.agent()).find((x) => x.id === id);
      if (!m) throw new OmnideskError('NOT_FOUND', 'no such macro');
      return m;
    },
    'macros.save': async ({ id, macro }) => {
      const saved = await readJson(await serverCall(online(), path(id), ctx.http, { method: 'PUT', body: JSON.stringify(macro) }), Macro);
      ctx.referenceChanged();
      await untilCached(() => ctx.store().reference.get(MACRO, id)?.updatedAt === saved.updatedAt);
      return saved;
    },
    'macros.delete': async ({ id }) => {
      await readJson(await serverCall(online(), path(id), ctx.http, { method: 'DELETE' }), z.object({ ok: z.literal(true) }));
      ctx.referenceChanged();
      await untilCached(() => ctx.store().reference.get(MACRO, id) === null);
      return { ok: true as const };
    },
    'macros.signature': async () => {
      const me = ctx.agent();
      return ctx.store().reference.get(SIGNATURE, me.id) ?? { agentId: me.id, en: '', zh: '' };
    },
    'macros.saveSignature': async (input) => {
      const saved = await readJson(await serverCall(online(), MACRO_PATHS.signature, ctx.http, { method: 'PUT', body: JSON.stringify(input) }), Signature);
      ctx.referenceChanged();
      await untilCached(() => {
        const s = ctx.store().reference.get(SIGNATURE, saved.agentId);
        return s?.en === saved.en && s.zh === saved.zh;
      });
      return saved;
    },
  };
}
