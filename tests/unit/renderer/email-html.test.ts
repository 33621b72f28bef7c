import { describe, expect, it } from 'vitest';
import { buildSrcdoc, hasRemoteImages, revealRemoteImages } from '../../../src/renderer/features/conversations/EmailHtml';
import { deliveryByMessage, visibleItems, ALL_CHANNELS } from '../../../src/renderer/features/conversations/timeline-model';
import { at, event, id, item } from './fixtures';

const SANITIZED = '<p>Hi</p><img alt="a" data-remote-src="https://cdn.example/a.png?x=1&amp;y=2" /><img data-remote-src="http://cdn.example/b.png" />';

describe('EmailHtml document', () => {
  it('blocks every remote load by default: strict CSP, images from data: only, no src on remote images', () => {
    const doc = buildSrcdoc(SANITIZED, false);
    expect(doc).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(doc).not.toMatch(/<img[^>]*\ssrc=/);
    expect(doc).toContain('<base target="_blank">');
  });

  it('after "Show remote images": https images get their src and the CSP allows https: only', () => {
    const doc = buildSrcdoc(SANITIZED, true);
    expect(doc).toContain(`img-src data: https:"`);
    expect(doc).toContain('<img alt="a" src="https://cdn.example/a.png?x=1&amp;y=2" />');
    // plain http stays blocked
    expect(doc).toContain('<img data-remote-src="http://cdn.example/b.png" />');
  });

  it('only real img tags are touched', () => {
    const text = '<p>data-remote-src="https://x.example/y"</p>';
    expect(revealRemoteImages(text)).toBe(text);
  });

  it('hasRemoteImages', () => {
    expect(hasRemoteImages(SANITIZED)).toBe(true);
    expect(hasRemoteImages('<p>no images</p>')).toBe(false);
  });
});

describe('delivery status folded onto the message', () => {
  const sent = event({ kind: 'message.sent', meta: { subject: null, deliveryStatus: 'queued' } }, { id: id(500), occurredAt: at(1) });
  const upd = (n: number, minute: number, status: 'sent' | 'failed' | 'delivered' | 'read', error: string | null = null) =>
    item(
      event(
        { kind: 'message.delivery_updated', meta: { messageId: sent.id, status, providerMessageId: null, error } },
        { id: id(n), occurredAt: at(minute), body: null, author: { type: 'system', id: null, name: null } },
      ),
    );

  it('the latest report wins, whatever order the items come in', () => {
    const map = deliveryByMessage([upd(502, 5, 'delivered'), item(sent), upd(501, 3, 'sent')]);
    expect(map.get(sent.id)).toEqual({ status: 'delivered', error: null });
  });

  it('never backwards: a delivered after read, or a failure after delivery, keeps the furthest status', () => {
    expect(deliveryByMessage([item(sent), upd(505, 2, 'sent'), upd(506, 3, 'read'), upd(507, 4, 'delivered')]).get(sent.id)?.status).toBe('read');
    expect(deliveryByMessage([item(sent), upd(508, 2, 'delivered'), upd(509, 3, 'failed', 'x')]).get(sent.id)?.status).toBe('delivered');
  });

  it('a failure carries its reason', () => {
    expect(deliveryByMessage([item(sent), upd(503, 2, 'failed', 'refused by the mail server (SMTP 550)')]).get(sent.id)).toEqual({
      status: 'failed',
      error: 'refused by the mail server (SMTP 550)',
    });
  });

  it('delivery reports are not timeline items of their own', () => {
    expect(visibleItems([item(sent), upd(504, 2, 'sent')], ALL_CHANNELS).map((i) => i.event.id)).toEqual([sent.id]);
  });
});

describe('EmailHtml component', () => {
  it('renders a sandboxed frame (no permissions) with the blocked document and the "show remote images" button', async () => {
    const { createElement } = await import('react');
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { EmailHtml } = await import('../../../src/renderer/features/conversations/EmailHtml');
    const html = renderToStaticMarkup(createElement(EmailHtml, { html: SANITIZED }));
    expect(html).toMatch(/<iframe[^>]*sandbox=""/);
    expect(html).toMatch(/<iframe[^>]*referrerPolicy="no-referrer"|<iframe[^>]*referrerpolicy="no-referrer"/);
    expect(html).toContain('data-testid="email-show-remote"');
    const srcdoc = /srcDoc="([^"]*)"/i.exec(html)?.[1] ?? '';
    expect(srcdoc).toContain('img-src data:&quot;');
    expect(srcdoc).not.toContain('https:&quot;');
  });
});
