import { ESCALATION_DOCUMENT, EscalationDocument, sortRules, type Rule, type Script } from '../../../shared/index';
import type { Queryable } from '../../kernel/db/types';

/** The rules and scripts in force: every live escalation document of the reference data, rules sorted once. */
export interface RuleSet {
  version: string;
  rules: Rule[];
  scripts: Map<string, Script>;
  documents: EscalationDocument[];
}

let cached: RuleSet | null = null;

/** Read once per version of the escalation documents (a cheap max() per call), like the SLA configuration. */
export async function currentRuleSet(db: Queryable): Promise<RuleSet> {
  const { rows: v } = await db.query<{ v: string | null }>('select max(version)::text as v from reference_items where kind = $1', [ESCALATION_DOCUMENT.kind]);
  const version = v[0]?.v ?? '0';
  if (cached?.version === version) return cached;
  const { rows } = await db.query<{ data: unknown }>('select data from reference_items where kind = $1 and not deleted order by id', [ESCALATION_DOCUMENT.kind]);
  const documents: EscalationDocument[] = [];
  for (const r of rows) {
    // written through the kind's schema, so a parse failure here is a newer shape: skipped
    const d = EscalationDocument.safeParse(r.data);
    if (d.success) documents.push(d.data);
  }
  cached = {
    version,
    rules: sortRules(documents.flatMap((d) => d.rules)),
    scripts: new Map(documents.flatMap((d) => d.scripts.map((s) => [s.id, s] as const))),
    documents,
  };
  return cached;
}
