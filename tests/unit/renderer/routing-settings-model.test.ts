import { describe, expect, it } from 'vitest';
import { emptyRule, putOf, rowOf, ruleOf } from '../../../src/renderer/features/routing/settings-model';
import { defaultTeamRouting, TeamRoutingPut } from '../../../src/shared';

describe('the routing editor (issue 15)', () => {
  it('a rule keeps only the conditions set; the recipient is compared lower-case', () => {
    expect(ruleOf(emptyRule())).toEqual({});
    expect(ruleOf({ channel: 'social', recipient: ' Support-CN@VitaLink.example ', language: 'zh', product: '', minTier: '2' })).toEqual({ channel: 'social', recipient: 'support-cn@vitalink.example', language: 'zh', minTier: 2 });
    expect(rowOf({ channel: 'chat', minTier: 3 })).toEqual({ channel: 'chat', recipient: '', language: '', product: '', minTier: '3' });
  });
  it('what is saved is what the server accepts: the team id in the path, not the body', () => {
    const put = putOf(defaultTeamRouting('00000000-0000-4000-8000-000000000001'), [{ ...emptyRule(), language: 'zh' }]);
    expect(put).not.toHaveProperty('teamId');
    expect(TeamRoutingPut.parse(put).rules).toEqual([{ language: 'zh' }]);
  });
});
