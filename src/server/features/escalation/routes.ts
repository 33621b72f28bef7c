import {
  DocumentName,
  ESCALATION_DOCUMENT,
  ESCALATION_PATHS,
  EscalationDocumentPut,
  OmnideskError,
  parseOrThrow,
  type Agent,
  type EscalationDocumentDeleted,
  type EscalationDocumentSaved,
} from '../../../shared/index';
import { can } from '../../../shared/kernel/permissions';
import type { Queryable } from '../../kernel/db/types';
import type { FeatureRoutes } from '../../kernel/http/routes';
import { appendAudit } from '../audit';
import { saveDocuments } from './documents';
import { currentRuleSet } from './rule-set';

function requireAdmin(agent: Agent): void {
  if (!can(agent.role, 'escalation.configure')) throw new OmnideskError('FORBIDDEN', 'not allowed for this role');
}

/**
 * Admins save and delete escalation files (issue 13). A save validates the whole set as it would be (INVALID_ARGUMENT
 * names file, line and reason for each problem) and writes nothing otherwise; a saved file is a new version of
 * reference data the desktops pull, in the audit trail as `escalation.configured`.
 */
export const escalationRoutes: FeatureRoutes = (app, { db, caller }) => {
  app.put<{ Params: { name: string } }>(ESCALATION_PATHS.document, async (req): Promise<EscalationDocumentSaved> => {
    const me = await caller(req);
    requireAdmin(me);
    const name = parseOrThrow(DocumentName, req.params.name, 'escalation file name');
    const body = parseOrThrow(EscalationDocumentPut, req.body ?? {}, 'escalation file');
    return db.transaction(async (tx) => {
      const saved = await saveDocuments(tx, [{ name, source: body.source, byId: me.id }]);
      const { version, revision } = await configured(tx, me, name);
      req.log.info({ file: name, revision, version, changed: saved.length > 0, by: me.id }, 'escalation file saved');
      return { name, revision, version, changed: saved.length > 0 };
    });
  });

  app.delete<{ Params: { name: string } }>(ESCALATION_PATHS.document, async (req): Promise<EscalationDocumentDeleted> => {
    const me = await caller(req);
    requireAdmin(me);
    const name = parseOrThrow(DocumentName, req.params.name, 'escalation file name');
    return db.transaction(async (tx) => {
      const set = await currentRuleSet(tx);
      if (!set.documents.some((d) => d.name === name)) throw new OmnideskError('NOT_FOUND', 'no such escalation file');
      // validated without it: a rule of another file may show one of its scripts
      await saveDocuments(tx, [], [name]);
      const { version } = await configured(tx, me, name, true);
      req.log.info({ file: name, version, by: me.id }, 'escalation file deleted');
      return { name, version };
    });
  });
};

async function configured(tx: Queryable, me: Agent, name: string, deleted = false): Promise<{ version: number; revision: number }> {
  const { rows } = await tx.query<{ version: string; revision: number | null }>(
    "select version::text as version, (data->>'revision')::int as revision from reference_items where kind = $1 and id = $2",
    [ESCALATION_DOCUMENT.kind, name],
  );
  const version = Number(rows[0]!.version);
  const revision = rows[0]!.revision ?? 0;
  await appendAudit(tx, [{ actorId: me.id, actorRole: me.role, action: 'escalation.configured', detail: { kind: ESCALATION_DOCUMENT.kind, id: name, version, revision, ...(deleted ? { deleted } : {}) } }]);
  return { version, revision };
}
