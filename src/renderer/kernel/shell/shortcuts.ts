/**
 * The app's action shortcuts (issue 15): Alt (Option on macOS) + a letter, matched by the key's position (`code`), so
 * they work on any keyboard layout and whatever Option would type on a Mac. Alt+T takes the case on screen, Alt+A
 * accepts the first offer, Alt+D declines it; Ctrl+K / ⌘K or / search; Ctrl+Enter sends.
 */
export function isShortcut(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>, code: `Key${string}`): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === code;
}
