import { describe, expect, it } from 'vitest';
import { isShortcut } from '../../../src/renderer/kernel/shell/shortcuts';

const key = (code: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({ altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, code, ...mods });

describe('action shortcuts: Alt + the key at a letter’s place, on any layout (issue 15)', () => {
  it.each([
    [key('KeyT', { altKey: true }), 'KeyT', true],
    [key('KeyT'), 'KeyT', false],
    [key('KeyT', { altKey: true, ctrlKey: true }), 'KeyT', false],
    [key('KeyT', { altKey: true, metaKey: true }), 'KeyT', false],
    [key('KeyT', { altKey: true, shiftKey: true }), 'KeyT', false],
    [key('KeyA', { altKey: true }), 'KeyT', false],
  ] as const)('%j is %s: %s', (e, code, want) => expect(isShortcut(e, code)).toBe(want));
});
