import type { BrowserWindowConstructorOptions } from 'electron';
import { WEB_PREFERENCES } from './policy';

/**
 * The app window's options, as a pure function so the security settings are unit-tested:
 * the renderer is sandboxed and isolated, gets no Node, and reaches main only through the preload bridge
 * (the settings themselves: WEB_PREFERENCES in policy.ts).
 */
export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Omnidesk',
    backgroundColor: '#ffffff',
    webPreferences: { preload: preloadPath, ...WEB_PREFERENCES },
  };
}
