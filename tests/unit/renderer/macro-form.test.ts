import { describe, expect, it } from 'vitest';
import { emptyForm, formOf, putOf, tagList, withSaved, without } from '../../../src/renderer/features/macros/macro-form';
import type { Macro } from '../../../src/shared';

const saved: Macro = { id: 'm1', scope: 'personal', teamId: null, ownerId: 'a', title: 'Swap', shortcut: 'swap', bodies: { en: 'We send a new one.' }, setStatus: 'pending', addTags: ['replacement', '退货'], updatedAt: '2026-12-07T10:00:00.000Z' };

describe('the macro editor', () => {
  it('sends what was typed: a language left empty is left out, the # of a shortcut dropped, no status as null', () => {
    expect(putOf({ ...emptyForm('personal', null), title: ' Swap ', shortcut: '#Swap', en: ' We send a new one. ', zh: '  ' })).toEqual({ scope: 'personal', teamId: null, title: 'Swap', shortcut: 'swap', bodies: { en: 'We send a new one.' }, setStatus: null, addTags: [] });
    expect(putOf({ ...emptyForm('team', 't1'), title: 'T', shortcut: 'x', zh: '好', setStatus: 'resolved' })).toMatchObject({ scope: 'team', teamId: 't1', bodies: { zh: '好' }, setStatus: 'resolved' });
  });
  it('opens a stored macro as it was saved and round-trips it', () => {
    const f = formOf(saved);
    expect(f).toMatchObject({ id: 'm1', en: 'We send a new one.', zh: '', setStatus: 'pending', tags: 'replacement, 退货' });
    expect(putOf(f)).toEqual({ scope: 'personal', teamId: null, title: 'Swap', shortcut: 'swap', bodies: { en: 'We send a new one.' }, setStatus: 'pending', addTags: ['replacement', '退货'] });
  });
  it('shows a saved macro at once (replacing its old version) and drops a deleted one', () => {
    const old = { id: 'm1', scope: 'personal' as const, title: 'Old', shortcut: 'old', languages: ['en' as const], setStatus: null, addTags: [], editable: true };
    const team = { id: 't', scope: 'team' as const, title: 'Team', shortcut: 'team', languages: ['en' as const], setStatus: null, addTags: [], editable: false };
    const list = withSaved([team, old], saved);
    expect(list.map((m) => [m.id, m.title])).toEqual([
      ['m1', 'Swap'],
      ['t', 'Team'],
    ]);
    expect(without(list, 'm1').map((m) => m.id)).toEqual(['t']);
  });
  it.each([
    ['Firmware, replacement-sent', ['firmware', 'replacement-sent']],
    ['退货，换货、 退货', ['退货', '换货']],
    [' , ,', []],
    ['', []],
  ])('tags as typed: %j', (typed, tags) => expect(tagList(typed)).toEqual(tags));
});
