import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

/** The languages the UI ships, in the order the language switch lists them. English is the default. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type AppLanguage = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: AppLanguage = 'en';
export const LANGUAGE_STORAGE_KEY = 'omnidesk.language';

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
} as const;

export function isAppLanguage(value: unknown): value is AppLanguage {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Minimal storage the language choice needs (window.localStorage in the app, a fake in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function defaultStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (privacy settings): the choice just is not remembered
  }
}

/** The stored language choice, or English. */
export function storedLanguage(storage: KeyValueStorage | null = defaultStorage()): AppLanguage {
  try {
    const v = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isAppLanguage(v) ? v : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** One i18next instance for the app; created by initI18n. */
export async function initI18n(language: AppLanguage = storedLanguage()): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    // React escapes text itself; escaping here would double-escape customer text in interpolations.
    interpolation: { escapeValue: false },
  });
  applyDocumentLanguage(instance);
  instance.on('languageChanged', () => applyDocumentLanguage(instance));
  return instance;
}

/** Where one agent's own choice on this device is kept. */
export const agentLanguageKey = (agentId: string) => `${LANGUAGE_STORAGE_KEY}.${agentId}`;

/** An agent's profile language (`zh`, `zh-TW`, `en-GB` …) as a UI language, when we ship one for it. */
export function appLanguageOf(language: string): AppLanguage | null {
  const l = language.toLowerCase();
  if (l.startsWith('zh')) return 'zh-CN';
  if (l.startsWith('en')) return 'en';
  return null;
}

/**
 * The interface language when an agent signs in (issue 15): the one they chose on this device, else the first of
 * their profile's languages that the UI ships, else none (what is on screen stays).
 */
export function signInLanguage(agentId: string, profile: readonly string[], storage: KeyValueStorage | null = defaultStorage()): AppLanguage | null {
  try {
    const chosen = storage?.getItem(agentLanguageKey(agentId));
    if (isAppLanguage(chosen)) return chosen;
  } catch {
    // storage disabled: the profile decides
  }
  for (const l of profile) {
    const app = appLanguageOf(l);
    if (app) return app;
  }
  return null;
}

/** Switch language at run time and remember the choice (for the signed-in agent too, when one is). */
export async function setLanguage(
  instance: I18n,
  language: AppLanguage,
  storage: KeyValueStorage | null = defaultStorage(),
  agentId: string | null = null,
): Promise<void> {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
    if (agentId) storage?.setItem(agentLanguageKey(agentId), language);
  } catch {
    // not remembered; the switch still applies to this window
  }
  await instance.changeLanguage(language);
}

/** The current UI language as one of ours (i18next may report a fallback chain). */
export function currentLanguage(instance: Pick<I18n, 'language'>): AppLanguage {
  return isAppLanguage(instance.language) ? instance.language : DEFAULT_LANGUAGE;
}

function applyDocumentLanguage(instance: I18n): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = currentLanguage(instance);
  document.title = instance.t('app.title');
}
