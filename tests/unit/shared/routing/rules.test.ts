import { describe, expect, it } from 'vitest';
import { defaultTeamRouting, teamForInbound, TeamRouting, type InboundFacts, type RoutingRule } from '../../../../src/shared/index';

const GLUCOSE = '00000000-0000-4000-8000-00000000000a';
const CHINA = '00000000-0000-4000-8000-00000000000b';
const CARDIO = '00000000-0000-4000-8000-00000000000c';
const team = (teamId: string, rules: RoutingRule[]) => ({ ...defaultTeamRouting(teamId), rules });

const teams = [
  team(GLUCOSE, [{ channel: 'chat' }, { recipient: 'glucose@vitalink.example' }]),
  team(CHINA, [{ language: 'zh' }, { channel: 'chat', language: 'zh' }]),
  team(CARDIO, [{ product: 'ecg_patch' }, { recipient: '4155550100', channel: 'social' }]),
];
const facts = (over: Partial<InboundFacts>): InboundFacts => ({ channel: 'email', recipient: null, language: 'en', product: null, ...over });

describe('teamForInbound: which team an inbound conversation goes to', () => {
  it.each([
    { name: 'an English chat: the chat rule', f: { channel: 'chat' as const }, team: GLUCOSE },
    { name: 'a Chinese chat: the rule with two conditions beats the one with one', f: { channel: 'chat' as const, language: 'zh' as const }, team: CHINA },
    { name: 'a Chinese email: the language rule', f: { language: 'zh' as const }, team: CHINA },
    { name: 'the mailbox, case-insensitive', f: { recipient: 'Glucose@VitaLink.example' }, team: GLUCOSE },
    { name: 'the WhatsApp business number on social', f: { channel: 'social' as const, recipient: '4155550100' }, team: CARDIO },
    { name: 'that number on another channel does not match', f: { channel: 'phone' as const, recipient: '4155550100' }, team: null },
    { name: 'the product', f: { product: 'ecg_patch' as const }, team: CARDIO },
    { name: 'nothing matches: null (the default team)', f: {}, team: null },
  ])('$name', ({ f, team: want }) => {
    expect(teamForInbound(teams, facts(f))?.teamId ?? null).toBe(want);
  });

  it('a rule with no condition catches everything the others leave', () => {
    expect(teamForInbound([...teams, team(CARDIO, [{}])], facts({}))?.teamId).toBe(CARDIO);
    expect(teamForInbound([team(CARDIO, [{}]), ...teams], facts({ channel: 'chat' }))?.teamId).toBe(GLUCOSE);
  });

  it('a lead changing the rules changes where the next conversation goes', () => {
    const before = teamForInbound(teams, facts({ channel: 'chat' }));
    const after = teamForInbound([team(GLUCOSE, []), ...teams.slice(1), team(CARDIO, [{ channel: 'chat' }])], facts({ channel: 'chat' }));
    expect([before?.teamId, after?.teamId]).toEqual([GLUCOSE, CARDIO]);
  });

  it('the settings schema refuses nonsense (negative capacity, a 2-second timeout, an unknown channel)', () => {
    const base = defaultTeamRouting(GLUCOSE);
    expect(TeamRouting.safeParse(base).success).toBe(true);
    expect(TeamRouting.safeParse({ ...base, capacity: { ...base.capacity, chat: -1 } }).success).toBe(false);
    expect(TeamRouting.safeParse({ ...base, offerTimeoutSeconds: 2 }).success).toBe(false);
    expect(TeamRouting.safeParse({ ...base, rules: [{ channel: 'fax' }] }).success).toBe(false);
  });
});
