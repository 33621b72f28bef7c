import { describe, expect, it } from 'vitest';
import { macroShortcut, macroVisibleTo, mayWriteMacro, renderMacro, withSignature, type MacroContext } from '../../../../src/shared/index';
import { matchingMacros } from '../../../../src/renderer/features/macros/macro-picker';

const device = { kind: 'cgm' as const, model: 'GlucoSense G7', serial: 'GS7-001234', firmware: '2.1.0', warrantyUntil: '2027-01-01' };
const ctx = (over: Partial<MacroContext> = {}): MacroContext => ({
  customer: { name: 'Margaret Chen', language: 'en', devices: [device] },
  agent: { displayName: 'Mei Lin' },
  caseSubject: 'Sensor error E4',
  ...over,
});
const bodies = { en: 'Hi {{customer.firstName}}, your {{device.kind}} {{device.model}} ({{device.serial}}). — {{agent.name}}', zh: '{{customer.firstName}}您好，您的{{device.kind}}（{{device.serial}}）' };

describe('renderMacro: a canned reply filled for the customer on screen', () => {
  it.each([
    { name: 'English customer, English text, every placeholder filled', c: ctx(), prefer: 'en' as const, text: 'Hi Margaret, your glucose monitor GlucoSense G7 (GS7-001234). — Mei Lin', missing: [] },
    { name: 'a Chinese customer gets the Chinese text; a Chinese name is used whole', c: ctx({ customer: { name: '王芳', language: 'zh', devices: [device] } }), prefer: 'zh' as const, text: '王芳您好，您的血糖仪（GS7-001234）', missing: [] },
    { name: 'no device: the device placeholders stay visible and are named', c: ctx({ customer: { name: 'Tom Hale', language: 'en', devices: [] } }), prefer: 'en' as const, text: 'Hi Tom, your {{device.kind}} {{device.model}} ({{device.serial}}). — Mei Lin', missing: ['device.kind', 'device.model', 'device.serial'] },
  ])('$name', ({ c, prefer, text, missing }) => {
    const r = renderMacro({ bodies }, c, prefer);
    expect(r).toEqual({ text, language: prefer, missing });
  });

  it('a macro written in one language only is used in it, whatever the customer speaks', () => {
    expect(renderMacro({ bodies: { en: 'Thanks!' } }, ctx(), 'zh')).toEqual({ text: 'Thanks!', language: 'en', missing: [] });
    expect(renderMacro({ bodies: { zh: '谢谢！' } }, ctx(), 'en')).toEqual({ text: '谢谢！', language: 'zh', missing: [] });
  });

  it('an unknown placeholder is never blanked: it stays for the agent and is named', () => {
    expect(renderMacro({ bodies: { en: 'Order {{order.id}} for {{ customer.name }}' } }, ctx(), 'en')).toEqual({ text: 'Order {{order.id}} for Margaret Chen', language: 'en', missing: ['order.id'] });
  });
});

describe('the # shortcut in the reply box', () => {
  it.each([
    ['#sensor', { shortcut: 'sensor', before: '' }],
    ['Thanks for waiting. #photo', { shortcut: 'photo', before: 'Thanks for waiting. ' }],
    ['first line\n#Thanks', { shortcut: 'thanks', before: 'first line\n' }],
    ['issue #4 still open', null],
    ['email me at a#b', null],
    ['#', null],
  ] as const)('%j', (draft, expected) => expect(macroShortcut(draft)).toEqual(expected));

  const list = [
    { id: '1', scope: 'team' as const, title: 'Device error: first steps', shortcut: 'sensor', languages: ['en' as const], setStatus: null, addTags: [], editable: false },
    { id: '2', scope: 'team' as const, title: 'Ask for a photo', shortcut: 'photo', languages: ['en' as const], setStatus: 'waiting_on_customer' as const, addTags: ['photo-requested'], editable: false },
    { id: '3', scope: 'personal' as const, title: 'Sensor swap offer', shortcut: 'swap', languages: ['en' as const], setStatus: null, addTags: [], editable: true },
  ];
  it.each([
    ['sensor', ['1', '3']],
    ['sen', ['1', '3']],
    ['photo', ['2']],
    ['ask', ['2']],
    ['zzz', []],
  ])('matching %s', (typed, ids) => expect(matchingMacros(list, typed).map((m) => m.id)).toEqual(ids));
});

describe('who sees and writes macros', () => {
  const T = 'team-a';
  const agent = { id: 'alice', role: 'agent', teamIds: [T] };
  const lead = { id: 'lena', role: 'lead', teamIds: [T] };
  const otherLead = { id: 'omar', role: 'lead', teamIds: ['team-b'] };
  const admin = { id: 'root', role: 'admin', teamIds: [] };
  const team = { scope: 'team' as const, teamId: T, ownerId: null };
  const mine = { scope: 'personal' as const, teamId: null, ownerId: 'alice' };
  it.each([
    ['an agent sees the team’s', macroVisibleTo(team, agent), true],
    ['an agent sees their own', macroVisibleTo(mine, agent), true],
    ['a colleague does not see someone’s personal one', macroVisibleTo(mine, lead), false],
    ['an agent may not write the team’s', mayWriteMacro(team, agent), false],
    ['the team’s lead may', mayWriteMacro(team, lead), true],
    ['another team’s lead may not', mayWriteMacro(team, otherLead), false],
    ['an admin may', mayWriteMacro(team, admin), true],
    ['the owner writes their own', mayWriteMacro(mine, agent), true],
    ['nobody else writes it, not even the lead', mayWriteMacro(mine, lead), false],
  ])('%s', (_what, got, want) => expect(got).toBe(want));
});

describe('withSignature', () => {
  it.each([
    ['Thanks!', 'Mei Lin\nVitaLink Support', 'Thanks!\n\nMei Lin\nVitaLink Support'],
    ['Thanks!\n\nMei Lin\nVitaLink Support', 'Mei Lin\nVitaLink Support', 'Thanks!\n\nMei Lin\nVitaLink Support'],
    ['Thanks!', '  ', 'Thanks!'],
  ])('%j + %j', (body, sig, out) => expect(withSignature(body, sig)).toBe(out));
});
