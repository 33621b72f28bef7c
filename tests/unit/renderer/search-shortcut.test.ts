import { describe, expect, it } from 'vitest';
import { isSearchShortcut } from '../../../src/renderer/kernel/shell/SearchBox';

/** The header search's keyboard shortcut (issue 15): Ctrl+K / ⌘K anywhere, `/` only outside a text field. */
describe('isSearchShortcut', () => {
  const key = (k: string, over: { ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; tagName?: string; isContentEditable?: boolean } = {}) => ({
    key: k,
    ctrlKey: over.ctrlKey ?? false,
    metaKey: over.metaKey ?? false,
    altKey: over.altKey ?? false,
    target: { tagName: over.tagName ?? 'BODY', isContentEditable: over.isContentEditable ?? false },
  });
  it.each([
    ['Ctrl+K on the page', key('k', { ctrlKey: true }), true],
    ['Ctrl+K in the reply box', key('k', { ctrlKey: true, tagName: 'TEXTAREA' }), true],
    ['⌘K (caps lock on)', key('K', { metaKey: true }), true],
    ['/ on the queue', key('/'), true],
    ['/ typed in the reply', key('/', { tagName: 'TEXTAREA' }), false],
    ['/ typed in a field', key('/', { tagName: 'input' }), false],
    ['/ in an editable element', key('/', { tagName: 'DIV', isContentEditable: true }), false],
    ['/ in a select', key('/', { tagName: 'SELECT' }), false],
    ['Ctrl+Alt+K', key('k', { ctrlKey: true, altKey: true }), false],
    ['plain k', key('k'), false],
    ['Ctrl+/', key('/', { ctrlKey: true }), false],
  ])('%s', (_what, e, want) => {
    expect(isSearchShortcut(e)).toBe(want);
  });
});
