import { ESCALATION_DOCUMENT, sortRules, type EscalationDocument, type Rule, type Script } from '../../../../shared/index';
import type { Store } from '../../kernel/store/index';

/** The rules and scripts in force on this desktop: the escalation documents of its reference data, read once per version. */
export interface DesktopRuleSet {
  rules: Rule[];
  ruleById: Map<string, Rule>;
  scripts: Map<string, Script>;
  documents: EscalationDocument[];
}

const cache = new WeakMap<Store, { version: number; set: DesktopRuleSet }>();

export function ruleSetOf(store: Store): DesktopRuleSet {
  const version = store.reference.version();
  const hit = cache.get(store);
  if (hit && hit.version === version) return hit.set;
  const documents = store.reference.list(ESCALATION_DOCUMENT);
  const rules = sortRules(documents.flatMap((d) => d.rules));
  const set: DesktopRuleSet = {
    rules,
    ruleById: new Map(rules.map((r) => [r.id, r])),
    scripts: new Map(documents.flatMap((d) => d.scripts.map((s) => [s.id, s] as const))),
    documents,
  };
  cache.set(store, { version, set });
  return set;
}
