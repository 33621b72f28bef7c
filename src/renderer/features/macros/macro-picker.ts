import type { MacroListItem } from '../../../shared/features/macros';

/**
 * The macros that fit what the agent typed after `#`: the exact shortcut first, then shortcuts and titles that start
 * with it, then ones that contain it; at most `max`. Personal ones come first already (the core lists them so).
 */
export function matchingMacros(macros: readonly MacroListItem[], typed: string, max = 6): MacroListItem[] {
  const q = typed.toLowerCase();
  const rank = (m: MacroListItem) => {
    const title = m.title.toLowerCase();
    if (m.shortcut === q) return 0;
    if (m.shortcut.startsWith(q)) return 1;
    if (title.startsWith(q)) return 2;
    if (m.shortcut.includes(q) || title.includes(q)) return 3;
    return 4;
  };
  return macros
    .map((m, i) => ({ m, r: rank(m), i }))
    .filter((x) => x.r < 4)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, max)
    .map((x) => x.m);
}
