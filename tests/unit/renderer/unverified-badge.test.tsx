import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { initI18n } from '../../../src/renderer/kernel/i18n';
import { UnverifiedBadge } from '../../../src/renderer/features/identity';

/** Issue 9, finding 1: the agent sees that a chat visitor's identity is not verified, and what they claimed. */
describe('UnverifiedBadge', () => {
  const render = async (lng: 'en' | 'zh-CN', thread: Parameters<typeof UnverifiedBadge>[0]['thread']) => {
    const i18n = await initI18n(lng);
    return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(UnverifiedBadge, { thread })));
  };

  it.each([
    ['en', { unverified: true, claims: { email: 'pat@example.com', phone: null } }, ['Identity not verified', 'says: pat@example.com']],
    ['zh-CN', { unverified: true, claims: { email: null, phone: '+14155550123' } }, ['身份未验证', '自称：+14155550123']],
    ['en', { unverified: true }, ['Identity not verified']],
  ] as const)('%s: an unverified thread shows the badge', async (lng, thread, texts) => {
    const html = await render(lng, thread);
    expect(html).toContain('data-testid="identity-unverified"');
    for (const text of texts) expect(html).toContain(text);
  });

  it.each([[null], [{}], [{ unverified: false }]] as const)('nothing for a provider-asserted thread (%j)', async (thread) => {
    expect(await render('en', thread)).toBe('');
  });
});
