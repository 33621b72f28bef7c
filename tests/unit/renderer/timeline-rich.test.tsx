/** Issue 10: WhatsApp / Messenger content in the timeline — the model that folds reactions and stored media, and what an entry shows. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { MessagePart } from '../../../src/shared/kernel/event';
import { initI18n } from '../../../src/renderer/kernel/i18n';
import { BridgeProvider, type AppStores } from '../../../src/renderer/kernel/app/bridge-context';
import { TimelineEntry } from '../../../src/renderer/features/conversations/TimelineEntry';
import { ALL_CHANNELS, bodyShown, formatCoordinates, quoteSnippet, reactionsByMessage, storedFiles, visibleItems } from '../../../src/renderer/features/conversations/timeline-model';
import { at, CUSTOMER, event, fakeBridge, id, item, received } from './fixtures';

const SHA = 'ab'.repeat(32);
const social = (parts: MessagePart[], body: string, over: Parameters<typeof received>[0] = {}) =>
  event({ kind: 'message.received', meta: { subject: null, providerMessageId: 'wamid.X', network: 'whatsapp', parts } }, { channel: 'social', body, ...over });
const reacted = (target: string, emoji: string, min: number, author = CUSTOMER) =>
  event(
    { kind: 'message.reacted', meta: { providerMessageId: `wamid.R${min}`, network: 'whatsapp', targetProviderMessageId: 'wamid.T', targetEventId: target, emoji } },
    { channel: 'social', body: null, occurredAt: at(min), author: { type: 'customer', id: author, name: null } },
  );
const storedEv = (messageId: string, part: number, contentType = 'image/png', filename = 'image-1.png') =>
  event({ kind: 'message.attachment_stored', meta: { messageId, part, attachment: { id: `${messageId}:${part}`, filename, contentType, size: 2048, sha256: SHA } } }, { channel: 'social', body: null, author: { type: 'system', id: null, name: null } });

describe('timeline model: reactions, stored media, quotes', () => {
  it('a reaction shows on its message; a later one of the same person replaces it; an empty one takes it back', () => {
    const target = id(500);
    expect(reactionsByMessage([item(reacted(target, '\u{1F44D}', 1))]).get(target)).toEqual(['\u{1F44D}']);
    expect(reactionsByMessage([item(reacted(target, '\u{1F44D}', 1)), item(reacted(target, '\u2764\uFE0F', 2))]).get(target)).toEqual(['\u2764\uFE0F']);
    expect(reactionsByMessage([item(reacted(target, '\u{1F44D}', 1)), item(reacted(target, '', 2))]).has(target)).toBe(false);
    // order in the list does not matter, time does
    expect(reactionsByMessage([item(reacted(target, '', 2)), item(reacted(target, '\u{1F44D}', 1))]).has(target)).toBe(false);
  });
  it('a reaction is no item, except one to a message the server does not know (else nobody would see it)', () => {
    const known = reacted(id(500), '\u{1F44D}', 1);
    const orphan = event(
      { kind: 'message.reacted', meta: { providerMessageId: 'wamid.O', network: 'whatsapp', targetProviderMessageId: 'wamid.GONE', targetEventId: null, emoji: '\u2764\uFE0F' } },
      { channel: 'social', body: null },
    );
    expect(visibleItems([item(known), item(orphan)], ALL_CHANNELS).map((i) => i.event.id)).toEqual([orphan.id]);
  });
  it('the body made from the parts is left out (WhatsApp; Messenger placeholders); typed text is kept', () => {
    const img = social([{ type: 'image', mediaId: 'M', mimeType: 'image/jpeg', filename: null, caption: 'the burn' }], '[image] the burn');
    expect(bodyShown(img)).toBe(false);
    const fbImg = event({ kind: 'message.received', meta: { subject: null, providerMessageId: 'm_1', network: 'messenger', parts: [{ type: 'image', mediaId: null, mimeType: null, filename: null, caption: null }] } }, { channel: 'social', body: '[image]' });
    expect(bodyShown(fbImg)).toBe(false);
    expect(bodyShown({ ...fbImg, body: 'look at this' } as typeof fbImg)).toBe(true);
    expect(bodyShown(received({ body: 'plain' }))).toBe(true);
  });
  it('stored media by message and part; the quoted message by id', () => {
    const msg = social([{ type: 'image', mediaId: 'M', mimeType: 'image/jpeg', filename: null, caption: null }], '[image]');
    const s = storedEv(msg.id, 0);
    expect(storedFiles([item(msg), item(s)]).get(`${msg.id}:0`)).toEqual({ eventId: s.id, attachment: s.kind === 'message.attachment_stored' ? s.meta.attachment : null });
    const first = received({ body: 'Is my sensor broken?\nIt says E2.' });
    expect(quoteSnippet([item(first)], first.id)).toEqual({ eventId: first.id, text: 'Is my sensor broken?' });
    expect(quoteSnippet([item(first)], id(999))).toBeNull();
    expect(formatCoordinates(37.483307, -122.148981)).toBe('37.48331, -122.14898');
  });
});

describe('TimelineEntry: each kind of content', () => {
  const render = async (lng: 'en' | 'zh-CN', e: ReturnType<typeof social>, extra: Record<string, unknown> = {}) => {
    const i18n = await initI18n(lng);
    const entry = createElement(TimelineEntry, { item: item(e), names: new Map(), customerName: 'Kerry', lang: lng, syncState: 'online', expanded: false, onToggleExpand: () => {}, ...extra });
    return renderToStaticMarkup(
      createElement(I18nextProvider, { i18n }, createElement(BridgeProvider, { bridge: fakeBridge(), stores: {} as AppStores, connect: () => () => {}, children: entry })),
    );
  };
  it('interactive answer: its title', async () => {
    const html = await render('en', social([{ type: 'interactive', replyKind: 'button_reply', replyId: 'sensor-ok', title: 'Sensor works now', description: null }], 'Sensor works now'));
    expect(html).toContain('data-testid="timeline-answer">Sensor works now<');
    expect(html).toContain('Answered:');
    expect(html).toContain('data-reply-id="sensor-ok"');
  });
  it('location: name, address and coordinates', async () => {
    const html = await render('zh-CN', social([{ type: 'location', latitude: 31.2304, longitude: 121.4737, name: '总医院', address: '上海市' }], '[location]'));
    expect(html).toContain('位置');
    expect(html).toContain('总医院');
    expect(html).toContain('上海市');
    expect(html).toContain('31.23040, 121.47370');
  });
  it('contacts: the names', async () => {
    const html = await render('en', social([{ type: 'contacts', contacts: [{ name: 'Ana Fisher', phones: ['+1 940 555 1234'], emails: [] }] }], '[contact card]'));
    expect(html).toContain('data-testid="timeline-contact">Ana Fisher');
    expect(html).toContain('Shared contact');
  });
  it('a document: its file name once stored (a link to save it), "downloading" before', async () => {
    const msg = social([{ type: 'document', mediaId: 'M', mimeType: 'application/pdf', filename: 'report.pdf', caption: null }], '[document]');
    expect(await render('en', msg)).toContain('report.pdf · downloading…');
    const files = storedFiles([item(storedEv(msg.id, 0, 'application/pdf', 'report.pdf'))]);
    const html = await render('en', msg, { files });
    expect(html).toContain('data-testid="timeline-file"');
    expect(html).toContain('report.pdf (2 KB)');
  });
  it('an orphan reaction says what it is', async () => {
    const orphan = event(
      { kind: 'message.reacted', meta: { providerMessageId: 'wamid.O', network: 'whatsapp', targetProviderMessageId: 'wamid.GONE', targetEventId: null, emoji: '\u2764\uFE0F' } },
      { channel: 'social', body: null },
    );
    expect(await render('en', orphan as ReturnType<typeof social>)).toContain('Reacted \u2764\uFE0F to a message that is not in Omnidesk');
    expect(await render('zh-CN', orphan as ReturnType<typeof social>)).toContain('不在 Omnidesk 中的消息');
  });
  it('a part the server gave up on says why (en, zh-CN)', async () => {
    const msg = social([{ type: 'video', mediaId: 'M', mimeType: 'video/mp4', filename: null, caption: null }], '[video]');
    const failed = event({ kind: 'message.attachment_failed', meta: { messageId: msg.id, part: 0, reason: 'too_large' } }, { channel: 'social', body: null });
    const files = storedFiles([item(failed)]);
    expect(await render('en', msg, { files })).toContain('not downloaded: the file is larger than the limit');
    expect(await render('zh-CN', msg, { files })).toContain('未下载：文件超过大小限制');
    // a file stored after all wins
    expect(storedFiles([item(failed), item(storedEv(msg.id, 0, 'video/mp4', 'v.mp4'))]).get(`${msg.id}:0`)).toMatchObject({ attachment: { filename: 'v.mp4' } });
  });
  it('an image once stored is a picture (loaded through the bridge), not a file link', async () => {
    const msg = social([{ type: 'image', mediaId: 'M', mimeType: 'image/jpeg', filename: null, caption: 'the burn' }], '[image] the burn');
    const html = await render('en', msg, { files: storedFiles([item(storedEv(msg.id, 0))]) });
    expect(html).not.toContain('timeline-file');
    expect(html).toContain('loading…');
    // the caption is shown once, with the picture (not the generated body)
    expect(html).toContain('data-testid="timeline-caption">the burn');
    expect(html).not.toContain('[image] the burn');
  });
  it('reactions on the message, the reply context as a link, unsupported content named', async () => {
    const first = received({ body: 'Is my sensor broken?' });
    const reply = event(
      { kind: 'message.received', meta: { subject: null, providerMessageId: 'wamid.Y', network: 'whatsapp', quoted: { providerMessageId: 'wamid.Q', eventId: first.id }, parts: [{ type: 'unsupported', providerType: 'unsupported', errorCode: 131051 }] } },
      { channel: 'social', body: '[unsupported message]' },
    );
    const html = await render('en', reply as ReturnType<typeof social>, { reactions: ['\u{1F44D}'], quote: quoteSnippet([item(first)], first.id) });
    expect(html).toContain('data-testid="timeline-reaction"');
    expect(html).toContain('\u{1F44D}');
    expect(html).toContain(`data-quoted-id="${first.id}"`);
    expect(html).toContain('Reply to: “Is my sensor broken?”');
    expect(html).toContain('Unsupported message (unsupported)');
    const zh = await render('zh-CN', reply as ReturnType<typeof social>, { quote: null });
    expect(zh).toContain('回复较早的一条消息');
  });
});

describe('TimelineEntry: routing lines (issue 15)', () => {
  const render = async (lng: 'en' | 'zh-CN', e: ReturnType<typeof event>) => {
    const i18n = await initI18n(lng);
    const names = new Map([[id(7), 'Mei Lin']]);
    const entry = createElement(TimelineEntry, { item: item(e), names, customerName: 'Kerry', lang: lng, syncState: 'online', expanded: false, onToggleExpand: () => {} });
    return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(BridgeProvider, { bridge: fakeBridge(), stores: {} as AppStores, connect: () => () => {}, children: entry })));
  };
  const reason = { idleMs: 240_000, load: 1, capacity: 3, language: 'zh' as const, product: 'cgm' as const, minTier: 1, eligible: 2 };
  it('an offer says to whom and why, in the interface language', async () => {
    const offered = event({ kind: 'case.offered', meta: { offerId: id(8), agentId: id(7), channel: 'chat', expiresAt: at(1), reason } }, { channel: 'internal', body: null, author: { type: 'system', id: null, name: null } });
    expect(await render('en', offered)).toContain('Offered to Mei Lin (Chinese, 1 of 3 open on this channel, idle 4 min)');
    expect(await render('zh-CN', offered)).toContain('已推送给 Mei Lin');
  });
  it('the seeded system authors ("Routing", "CTI") are named in Chinese too', async () => {
    const assigned = event({ kind: 'case.assigned', meta: { from: null, to: id(7) } }, { channel: 'internal', body: null, author: { type: 'system', id: null, name: 'Routing' } });
    expect(await render('en', assigned)).toContain('Assigned to Mei Lin by Routing');
    const zh = await render('zh-CN', assigned);
    expect(zh).toContain('自动路由');
    expect(zh).not.toContain('Routing');
  });
});
