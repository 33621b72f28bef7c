import { z } from 'zod';
import { Id, MACRO, MACRO_PATHS, MacroPut, mayWriteMacro, OmnideskError, parseOrThrow, SIGNATURE, SignaturePut, type Macro, type Signature } from '../../../shared/index';
import type { Queryable } from '../../kernel/db/types';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { deleteReference, putReference, referenceVersionOf } from '../../kernel/reference/index';

const IdParam = z.object({ id: Id });

async function stored(tx: Queryable, id: string): Promise<Macro | null> {
  const { rows } = await tx.query<{ data: unknown }>('select data from reference_items where kind = $1 and id = $2 and not deleted', [MACRO.kind, id]);
  const p = MACRO.schema.safeParse(rows[0]?.data);
  return p.success ? p.data : null;
}

/**
 * Canned replies and signatures (issue 15), as reference data every desktop holds and fills offline. An agent
 * writes their own macros and signature; a team's macros are its lead's or an admin's (shared `mayWriteMacro`).
 */
export const macroRoutes: FeatureRoutes = (app, { db, caller, referenceChanged }) => {
  app.put(MACRO_PATHS.signature, async (req): Promise<Signature> => {
    const me = await caller(req);
    const signature: Signature = { agentId: me.id, ...parseOrThrow(SignaturePut, req.body ?? {}, 'signature') };
    const v = await db.transaction(async (tx) => {
      await putReference(tx, SIGNATURE, [{ id: me.id, teamIds: me.teamIds, data: signature }]);
      return referenceVersionOf(tx, SIGNATURE, me.id);
    });
    referenceChanged(v);
    req.log.info({ agentId: me.id }, 'signature saved');
    return signature;
  });

  app.put<{ Params: { id: string } }>(MACRO_PATHS.macro, async (req): Promise<Macro> => {
    const me = await caller(req);
    const { id } = parseOrThrow(IdParam, req.params, 'macro');
    const put = parseOrThrow(MacroPut, req.body ?? {}, 'macro');
    const macro: Macro = {
      id,
      ...put,
      teamId: put.scope === 'personal' ? null : put.teamId,
      ownerId: put.scope === 'personal' ? me.id : null,
      updatedAt: new Date().toISOString(),
    };
    if (!mayWriteMacro(macro, me)) throw new OmnideskError('FORBIDDEN', put.scope === 'team' ? 'team macros are written by the team’s lead or an admin' : 'not your macro');
    const v = await db.transaction(async (tx) => {
      const before = await stored(tx, id);
      if (before && !mayWriteMacro(before, me)) throw new OmnideskError('FORBIDDEN', 'not your macro');
      if (macro.teamId && !(await tx.query('select 1 from teams where id = $1', [macro.teamId])).rows.length) throw new OmnideskError('NOT_FOUND', 'no such team');
      await putReference(tx, MACRO, [{ id, teamIds: macro.teamId ? [macro.teamId] : me.teamIds, data: macro }]);
      return referenceVersionOf(tx, MACRO, id);
    });
    referenceChanged(v);
    req.log.info({ macroId: id, scope: macro.scope, by: me.id }, 'macro saved');
    return macro;
  });

  app.delete<{ Params: { id: string } }>(MACRO_PATHS.macro, async (req): Promise<{ ok: true }> => {
    const me = await caller(req);
    const { id } = parseOrThrow(IdParam, req.params, 'macro');
    const v = await db.transaction(async (tx) => {
      const before = await stored(tx, id);
      if (!before) throw new OmnideskError('NOT_FOUND', 'no such macro');
      if (!mayWriteMacro(before, me)) throw new OmnideskError('FORBIDDEN', 'not your macro');
      await deleteReference(tx, MACRO, id);
      return referenceVersionOf(tx, MACRO, id);
    });
    referenceChanged(v);
    req.log.info({ macroId: id, by: me.id }, 'macro deleted');
    return { ok: true };
  });
};
