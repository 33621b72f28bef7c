import { describe, expect, it } from 'vitest';
import en from '../../../src/renderer/kernel/i18n/en.json';
import zhCN from '../../../src/renderer/kernel/i18n/zh-CN.json';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  LANGUAGE_STORAGE_KEY,
  initI18n,
  resources,
  setLanguage,
  storedLanguage,
  signInLanguage,
  agentLanguageKey,
  type KeyValueStorage,
} from '../../../src/renderer/kernel/i18n/index';

/** Every leaf of a resource tree as "a.b.c" → value. */
function leaves(tree: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (tree !== null && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [k, v] of Object.entries(tree)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, tree);
  }
  return out;
}

const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('translation resources', () => {
  const enLeaves = leaves(en);
  const zhLeaves = leaves(zhCN);

  it('en and zh-CN have exactly the same keys', () => {
    expect([...zhLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
  });

  it.each([
    ['en', enLeaves],
    ['zh-CN', zhLeaves],
  ])('%s: every value is a non-empty string', (_lang, map) => {
    for (const [key, value] of map) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it('both languages use the same interpolation variables for each key', () => {
    for (const [key, value] of enLeaves) {
      expect(vars(zhLeaves.get(key) as string), key).toEqual(vars(value as string));
    }
  });

  it('ships every language the switch offers, English first', () => {
    expect(Object.keys(resources).sort()).toEqual([...LANGUAGES].sort());
    expect(LANGUAGES[0]).toBe('en');
    expect(DEFAULT_LANGUAGE).toBe('en');
  });

  it('the login error texts the end-to-end suite looks for', () => {
    expect(en.login.error.wrongCredentials).toMatch(/wrong username or password/i);
    expect(en.login.error.unreachable).toMatch(/cannot reach the server/i);
    expect(zhCN.login.submit).toMatch(/登录/);
  });
});

describe('language choice', () => {
  it.each([
    [{}, 'en'],
    [{ [LANGUAGE_STORAGE_KEY]: 'zh-CN' }, 'zh-CN'],
    [{ [LANGUAGE_STORAGE_KEY]: 'en' }, 'en'],
    [{ [LANGUAGE_STORAGE_KEY]: 'fr' }, 'en'],
    [{ [LANGUAGE_STORAGE_KEY]: '' }, 'en'],
  ])('stored %j → %s', (data, expected) => {
    expect(storedLanguage(memoryStorage(data))).toBe(expected);
  });

  it('falls back to English without storage or when storage throws', () => {
    expect(storedLanguage(null)).toBe('en');
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(storedLanguage(broken)).toBe('en');
  });

  it('switches at run time and remembers the choice', async () => {
    const storage = memoryStorage();
    const i18n = await initI18n('en');
    expect(i18n.t('login.submit')).toBe('Sign in');
    await setLanguage(i18n, 'zh-CN', storage);
    expect(i18n.t('login.submit')).toBe('登录');
    expect(storage.data[LANGUAGE_STORAGE_KEY]).toBe('zh-CN');
    expect(storedLanguage(storage)).toBe('zh-CN');
    await setLanguage(i18n, 'en', storage);
    expect(i18n.t('login.submit')).toBe('Sign in');
  });

  it.each([
    ['a Chinese-speaking agent gets Chinese', ['zh', 'en'], {}, 'zh-CN'],
    ['an English-speaking one English', ['en', 'zh'], {}, 'en'],
    ['the first language the UI ships', ['fr', 'zh-TW'], {}, 'zh-CN'],
    ['none shipped: what is on screen stays', ['fr'], {}, null],
    ['their own choice on this device wins', ['zh'], { [agentLanguageKey('a1')]: 'en' }, 'en'],
    ["another agent's choice does not", ['zh'], { [agentLanguageKey('a2')]: 'en', [LANGUAGE_STORAGE_KEY]: 'en' }, 'zh-CN'],
  ] as const)('on sign-in (issue 15): %s', (_what, profile, stored, want) => {
    expect(signInLanguage('a1', profile, memoryStorage({ ...stored }))).toBe(want);
  });

  it('a switch while signed in is remembered as that agent’s choice', async () => {
    const storage = memoryStorage();
    const i18n = await initI18n('zh-CN');
    await setLanguage(i18n, 'en', storage, 'a1');
    expect(signInLanguage('a1', ['zh'], storage)).toBe('en');
    expect(signInLanguage('a2', ['zh'], storage)).toBe('zh-CN');
  });

  it('interpolates without HTML-escaping (React escapes at render)', async () => {
    const i18n = await initI18n('en');
    expect(i18n.t('timeline.subject', { subject: '<b>A & B</b>' })).toBe('Subject: <b>A & B</b>');
  });
});
