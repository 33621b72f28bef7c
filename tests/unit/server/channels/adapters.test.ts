import { describe, expect, it } from 'vitest';
import { cleanChatText, issueSession, verifySession, widgetHtml } from '../../../../src/server/channels/chat';
import { CtiEvent, formToObject } from '../../../../src/server/channels/phone';
import { CHATWOOT_SKIPPED, MetaWebhook, parseChatwoot, ChatwootMessageCreated, parseMetaWebhook, providerInstant, sign, verifySignature } from '../../../../src/server/channels/social';

describe('X-Hub-Signature-256', () => {
  const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
  it.each([
    ['the right signature', sign(body, 'secret'), true],
    ['upper-case hex', sign(body, 'secret').replace(/[a-f]/g, (c) => c.toUpperCase()).replace('SHA256', 'sha256'), true],
    ['another secret', sign(body, 'other'), false],
    ['another body', sign('{}', 'secret'), false],
    ['sha1 form', 'sha1=0123', false],
    ['missing', undefined, false],
    ['garbage', 'sha256=zz', false],
  ])('%s → %s', (_t, header, ok) => expect(verifySignature(body, header, 'secret')).toBe(ok));
  it('an empty app secret never verifies', () => expect(verifySignature(body, sign(body, ''), '')).toBe(false));
});

describe('Meta webhook parsing (shapes from the WhatsApp Cloud API and Messenger docs)', () => {
  const wa = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '0',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '16505551111', phone_number_id: '123456123' },
              contacts: [{ profile: { name: 'test user name' }, wa_id: '16315551181' }],
              messages: [
                { from: '16315551181', id: 'ABGGFlA5Fpa', timestamp: '1504902988', type: 'text', text: { body: 'this is a text message' } },
                { from: '16315551181', id: 'ABGGFlA5Fpb', timestamp: '1504902989', type: 'audio', audio: { id: 'x', mime_type: 'audio/ogg' } },
                { id: 'no-from' },
              ],
              statuses: [{ id: 'wamid.OUT', status: 'failed', timestamp: '1504902990', recipient_id: '16315551181', errors: [{ code: 131047, title: 'Re-engagement message' }] }],
            },
          },
        ],
      },
    ],
  };
  it('messages[] → inbound messages (text, placeholder), statuses[] → statuses, bad items skipped', () => {
    const p = parseMetaWebhook(MetaWebhook.parse(wa));
    expect(p.messages).toHaveLength(2);
    expect(p.messages[0]).toMatchObject({
      channel: 'social',
      network: 'whatsapp',
      providerMessageId: 'ABGGFlA5Fpa',
      threadRef: 'wa:123456123:16315551181',
      identity: { phone: '+16315551181', social: { network: 'whatsapp', handle: '16315551181' }, displayName: 'test user name' },
      body: 'this is a text message',
      occurredAt: '2017-09-08T20:36:28.000Z',
    });
    expect(p.messages[1]?.body).toBe('[voice message]');
    expect(p.statuses).toEqual([{ providerMessageId: 'wamid.OUT', status: 'failed', error: 'provider error 131047', occurredAt: '2017-09-08T20:36:30.000Z' }]);
    expect(p.skipped).toBe(1);
  });
  it('Messenger entry[].messaging[] → inbound messages; echoes are ignored', () => {
    const fb = {
      object: 'page',
      entry: [
        {
          id: 'PAGE',
          time: 1458692752478,
          messaging: [
            { sender: { id: 'USER1' }, recipient: { id: 'PAGE' }, timestamp: 1458692752478, message: { mid: 'm_1', text: 'hello, world!' } },
            { sender: { id: 'PAGE' }, recipient: { id: 'USER1' }, timestamp: 1458692752479, message: { mid: 'm_2', text: 'echo', is_echo: true } },
          ],
        },
      ],
    };
    const p = parseMetaWebhook(MetaWebhook.parse(fb));
    expect(p.messages).toEqual([expect.objectContaining({ network: 'messenger', providerMessageId: 'm_1', threadRef: 'fb:PAGE:USER1', body: 'hello, world!', identity: { social: { network: 'messenger', handle: 'USER1' } } })]);
  });
  it('Chatwoot message_created: incoming only', () => {
    const base = { event: 'message_created', id: 7, content: 'hi', message_type: 'incoming', created_at: '2026-11-22T10:00:00Z', conversation: { id: 3 }, sender: { id: 9, name: 'C', email: 'c@x.io', phone_number: '+14155550123' } };
    // the contact is self-declared: its email and phone are claims (issue 9)
    expect(parseChatwoot(ChatwootMessageCreated.parse(base))).toMatchObject({ providerMessageId: 'chatwoot:7', threadRef: 'chatwoot:3', identity: { claimedEmail: 'c@x.io', claimedPhone: '+14155550123', verified: false } });
    expect(parseChatwoot(ChatwootMessageCreated.parse({ ...base, message_type: 'outgoing' }))).toBeNull();
  });

  it('a Chatwoot created_at that is no instant is a skipped item, not a throw (issue 9, finding 8)', () => {
    const base = { event: 'message_created', id: 7, content: 'hi', message_type: 'incoming', conversation: { id: 3 } };
    expect(parseChatwoot(ChatwootMessageCreated.parse({ ...base, created_at: 1e300 }))).toBe(CHATWOOT_SKIPPED);
  });

  it.each([
    ['1749416383', '2025-06-08T20:59:43.000Z'],
    [1749416383000, '2025-06-08T20:59:43.000Z'],
    [9_000_000_000_000_000, null],
    [1e300, null],
    [Number.NaN, null],
    ['x', null],
  ] as const)('provider timestamp %j → %j', (raw, out) => expect(providerInstant(raw)).toBe(out));
});

describe('generic CTI events', () => {
  const ok = { event: 'newCall', from: '+14155550123', to: '+18005550100', direction: 'in', callId: 'c1' };
  it.each([
    ['newCall', ok, true],
    ['answer with user[]', { ...ok, event: 'answer', user: ['alice'], answeringNumber: '201' }, true],
    ['hangup with cause', { ...ok, event: 'hangup', cause: 'noAnswer' }, true],
    ['unknown event', { ...ok, event: 'ringing' }, false],
    ['unknown direction', { ...ok, direction: 'sideways' }, false],
    ['unknown cause', { ...ok, event: 'hangup', cause: 'aliens' }, false],
    ['no callId', { ...ok, callId: '' }, false],
    ['recording must be http(s)', { ...ok, event: 'hangup', recordingUrl: 'javascript:alert(1)' }, false],
  ])('%s → valid %s', (_t, body, valid) => expect(CtiEvent.safeParse(body).success).toBe(valid));
  it('reads form bodies with user[]', () => {
    expect(formToObject('event=answer&user%5B%5D=alice&user%5B%5D=bob&callId=c1')).toEqual({ event: 'answer', user: ['alice', 'bob'], callId: 'c1' });
  });
});

describe('chat sanitation and sessions', () => {
  it.each([
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['  hi\u0000\u0007 there \n', 'hi there'],
    ['line1\nline2\tend', 'line1\nline2\tend'],
    ['   ', null],
    [42, null],
  ])('%j → %j (markup kept as text, control characters dropped)', (raw, out) => expect(cleanChatText(raw)).toBe(out));
  it('caps a message at 5,000 characters', () => expect(cleanChatText('x'.repeat(6000))?.length).toBe(5000));
  it('session tokens verify, and a forged one does not', () => {
    const s = issueSession('k');
    expect(verifySession('k', s.token)).toBe(s.sessionId);
    expect(verifySession('other', s.token)).toBeNull();
    expect(verifySession('k', `${s.sessionId}.${'A'.repeat(43)}`)).toBeNull();
    expect(verifySession('k', 'nonsense')).toBeNull();
  });
  it('the widget writes text with textContent, never innerHTML', () => {
    const html = widgetHtml();
    expect(html).toContain('textContent');
    expect(html).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write/);
  });
});
