import type { SurveySettings } from '../../../shared/features/surveys';
import type { Event } from '../../../shared/kernel/event';
import type { AppendHook } from '../../kernel/events/index';
import { scheduleSurvey } from './send';

/**
 * A case resolved (or closed without a resolve) gets its survey queued, due after the delay; the job decides again
 * when it runs (issue 18). Off while the demo history is seeded (`enabled: false`), so old resolves send nothing.
 */
const done = (s: string) => s === 'resolved' || s === 'closed';

export function surveyScheduleHook(opts: { enabled: boolean; settings: SurveySettings }): AppendHook {
  return {
    name: 'surveys.schedule',
    async afterAppend(tx, stored: readonly Event[]) {
      if (!opts.enabled) return;
      for (const e of stored) {
        if (e.kind !== 'case.status_changed' || !e.caseId) continue;
        if (done(e.meta.to) && !done(e.meta.from)) await scheduleSurvey(tx, e.caseId, e.occurredAt, opts.settings);
      }
    },
  };
}
