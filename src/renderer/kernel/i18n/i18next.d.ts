import 'i18next';
import type en from './en';

// Typed keys: every t('…') call is checked against en.json at compile time
// (and tests/unit/renderer/i18n-resources.test.ts checks zh-CN.json has the same keys).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
