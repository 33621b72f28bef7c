import { OmnideskError } from '../../../../shared/index';
import { surveySendPath, SurveySendResponse } from '../../../../shared/features/surveys';
import type { BridgeHandlers } from '../../kernel/bridge/dispatch';
import type { HttpOptions } from '../../kernel/session/auth';
import { readJson, serverCall, type ServerSession } from '../../kernel/session/server-api';

export interface SurveysContext {
  session(): ServerSession & { offline: boolean };
  http: HttpOptions;
}

/** An agent sends a resolved case's survey by hand (issue 18): the server decides with the shared rules (online only). */
export function surveysHandlers(ctx: SurveysContext): Pick<BridgeHandlers, 'surveys.send'> {
  return {
    'surveys.send': async ({ caseId }) => {
      const s = ctx.session();
      if (s.offline) throw new OmnideskError('UNAVAILABLE', 'a survey is sent by the server: signed in offline');
      return readJson(await serverCall(s, surveySendPath(caseId), ctx.http, { method: 'POST', body: '{}' }), SurveySendResponse);
    },
  };
}
