import type { AppendHook } from '../../kernel/events/index';
import { foldAppended } from './store';

/** Keeps the lead console's read model (lead_case_facts) up to date in every appending transaction (issue 16). */
export const leadFactsHook: AppendHook = {
  name: 'lead.facts',
  async afterAppend(tx, stored) {
    await foldAppended(tx, stored);
  },
};
