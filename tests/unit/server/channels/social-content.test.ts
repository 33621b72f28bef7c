import { describe, expect, it } from 'vitest';
import { declaredSha256 } from '../../../../src/server/channels/media/download';
import { MetaWebhook, parseMetaWebhook } from '../../../../src/server/channels/social';
import { fb, fbWebhook, wa, waWebhook } from '../../../fixtures/social/meta-webhooks';

const SHA_B64 = 'KU6dbq5OS3lWQW0/g6VbGNsR0lwAA0zlTZPa/9lsh6c=';
const SHA_HEX = Buffer.from(SHA_B64, 'base64').toString('hex');
const one = (m: object) => {
  const p = parseMetaWebhook(MetaWebhook.parse(waWebhook([m])));
  expect(p.skipped).toBe(0);
  expect(p.messages).toHaveLength(1);
  return p.messages[0]!;
};
const oneFb = (m: object) => {
  const p = parseMetaWebhook(MetaWebhook.parse(fbWebhook([m])));
  expect(p.skipped).toBe(0);
  expect(p.messages).toHaveLength(1);
  return p.messages[0]!;
};

describe('WhatsApp Cloud API content (issue 10): every documented type keeps what it carried', () => {
  it('image: media id, mime type, caption; a download source with the declared sha256', () => {
    const m = one(wa.image('wamid.I', 'MEDIA-1', SHA_B64, 'the burn'));
    expect(m.parts).toEqual([{ type: 'image', mediaId: 'MEDIA-1', mimeType: 'image/jpeg', filename: null, caption: 'the burn' }]);
    expect(m.media).toEqual([{ part: 0, kind: 'whatsapp', mediaId: 'MEDIA-1', sha256: SHA_B64, mimeType: 'image/jpeg', filename: null }]);
    expect(m.body).toBe('[image] the burn');
  });
  it('document keeps its file name', () => {
    const m = one(wa.document('wamid.D', 'MEDIA-2', SHA_HEX, 'report.pdf'));
    expect(m.parts?.[0]).toMatchObject({ type: 'document', mediaId: 'MEDIA-2', filename: 'report.pdf', mimeType: 'application/pdf' });
    expect(m.media?.[0]).toMatchObject({ filename: 'report.pdf' });
  });
  it.each([
    ['audio (voice note)', wa.audio('wamid.A', 'MEDIA-3', SHA_HEX), { type: 'audio', mediaId: 'MEDIA-3', voice: true }, '[voice message]'],
    ['video', wa.video('wamid.V', 'MEDIA-4', SHA_HEX), { type: 'video', mediaId: 'MEDIA-4', caption: 'it blinks red' }, '[video] it blinks red'],
    ['sticker', wa.sticker('wamid.S', 'MEDIA-5', SHA_HEX), { type: 'sticker', mediaId: 'MEDIA-5', mimeType: 'image/webp' }, '[sticker]'],
  ])('%s', (_n, msg, part, body) => {
    const m = one(msg);
    expect(m.parts?.[0]).toMatchObject(part);
    expect(m.media).toHaveLength(1);
    expect(m.body).toBe(body);
  });
  it('location: coordinates, name and address', () => {
    const m = one(wa.location('wamid.L'));
    expect(m.parts).toEqual([{ type: 'location', latitude: 37.483307, longitude: -122.148981, name: 'Main clinic', address: '1 Hacker Way, Menlo Park, CA 94025' }]);
    expect(m.media).toBeUndefined();
    // the body names the place (search finds it)
    expect(m.body).toBe('[location] Main clinic, 1 Hacker Way, Menlo Park, CA 94025');
  });
  it('contacts: names, phones, emails', () => {
    const m = one(wa.contacts('wamid.C'));
    expect(m.parts).toEqual([{ type: 'contacts', contacts: [{ name: 'Ana Fisher', phones: ['+1 (940) 555-1234'], emails: ['daughter@example.org'] }] }]);
    expect(m.body).toBe('[contact card] Ana Fisher');
  });
  it('interactive button_reply / list_reply and template button: the answer, its id, and the message it answers', () => {
    const b = one(wa.buttonReply('wamid.B', 'wamid.OURS'));
    expect(b.parts).toEqual([{ type: 'interactive', replyKind: 'button_reply', replyId: 'sensor-ok', title: 'Sensor works now', description: null }]);
    expect(b.body).toBe('Sensor works now');
    expect(b.quotes).toBe('wamid.OURS');
    const l = one(wa.listReply('wamid.LR', 'wamid.OURS'));
    expect(l.parts).toEqual([{ type: 'interactive', replyKind: 'list_reply', replyId: 'topic-battery', title: 'Battery', description: 'Charging and battery life' }]);
    const t = one(wa.button('wamid.BT', 'wamid.OURS'));
    expect(t.parts).toEqual([{ type: 'interactive', replyKind: 'button', replyId: 'CONFIRM-YES', title: 'Yes', description: null }]);
    expect(t.body).toBe('Yes');
  });
  it('reaction: the emoji and the message it reacts to; without emoji it is taken back', () => {
    const r = one(wa.reaction('wamid.R', 'wamid.TARGET', '\u{1F44D}'));
    expect(r.reaction).toEqual({ targetProviderMessageId: 'wamid.TARGET', emoji: '\u{1F44D}' });
    expect(r.parts).toBeUndefined();
    expect(one(wa.reaction('wamid.R2', 'wamid.TARGET')).reaction).toEqual({ targetProviderMessageId: 'wamid.TARGET', emoji: '' });
  });
  it('context {from, id}: a text reply keeps the quoted message id', () => {
    const m = one(wa.replyText('wamid.T', 'wamid.EARLIER', 'yes, that one'));
    expect(m.quotes).toBe('wamid.EARLIER');
    expect(m.body).toBe('yes, that one');
  });
  it('unsupported: kept with its type and error code (never dropped)', () => {
    const m = one(wa.unsupported('wamid.U'));
    expect(m.parts).toEqual([{ type: 'unsupported', providerType: 'unsupported', errorCode: 131051 }]);
    expect(m.body).toBe('[unsupported message]');
  });
  it('an interactive answer of another kind (a Flow reply) is kept as such, not skipped', () => {
    const m = one({ ...wa.buttonReply('wamid.NFM', 'wamid.OURS'), interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: '{}' } } });
    expect(m.parts).toEqual([{ type: 'unsupported', providerType: 'interactive:nfm_reply', errorCode: null }]);
    expect(m.quotes).toBe('wamid.OURS');
  });
  it('a media message without its media id, or a location without coordinates, is a skipped item', () => {
    const p = parseMetaWebhook(MetaWebhook.parse(waWebhook([{ ...wa.image('wamid.X', 'M', SHA_HEX), image: { mime_type: 'image/jpeg' } }, { ...wa.location('wamid.Y'), location: { name: 'x' } }, wa.text('wamid.Z', 'ok')])));
    expect(p.skipped).toBe(2);
    expect(p.messages.map((m) => m.providerMessageId)).toEqual(['wamid.Z']);
  });
});

describe('Messenger content (issue 10)', () => {
  it('attachments image/file/audio/video: parts with their URLs as download sources (never in the part)', () => {
    const m = oneFb(fb.attachments('m_A', [fb.image('https://cdn.example/i.jpg'), fb.file('https://cdn.example/f.pdf'), fb.audio('https://cdn.example/a.mp4'), fb.video('https://cdn.example/v.mp4')]));
    expect(m.parts?.map((p) => p.type)).toEqual(['image', 'document', 'audio', 'video']);
    expect(JSON.stringify(m.parts)).not.toContain('cdn.example');
    expect(m.media).toEqual([
      { part: 0, kind: 'url', url: 'https://cdn.example/i.jpg', mimeType: null, filename: null },
      { part: 1, kind: 'url', url: 'https://cdn.example/f.pdf', mimeType: null, filename: null },
      { part: 2, kind: 'url', url: 'https://cdn.example/a.mp4', mimeType: null, filename: null },
      { part: 3, kind: 'url', url: 'https://cdn.example/v.mp4', mimeType: null, filename: null },
    ]);
    expect(m.body).toBe('[image]');
  });
  it('location and fallback (a shared link)', () => {
    const m = oneFb(fb.attachments('m_L', [fb.location(), fb.fallback()]));
    expect(m.parts).toEqual([
      { type: 'location', latitude: 31.2304, longitude: 121.4737, name: 'Pinned Location', address: null },
      { type: 'link', title: 'Device manual', url: 'https://example.org/manual' },
    ]);
  });
  it('quick_reply: the answer and its payload; reply_to: the quoted mid; postback: the button', () => {
    expect(oneFb(fb.quickReply('m_Q')).parts).toEqual([{ type: 'interactive', replyKind: 'quick_reply', replyId: 'COLOR_RED', title: 'Red', description: null }]);
    expect(oneFb(fb.replyTo('m_R', 'm_EARLIER', 'this one')).quotes).toBe('m_EARLIER');
    expect(oneFb(fb.postback('m_P')).parts).toEqual([{ type: 'interactive', replyKind: 'postback', replyId: 'NURSE', title: 'Talk to a nurse', description: null }]);
  });
  it('reaction events: react and unreact, each with a stable id of its own (a redelivery is the same id)', () => {
    const r = oneFb(fb.reaction('m_TARGET', '\u2764\uFE0F'));
    expect(r.reaction).toEqual({ targetProviderMessageId: 'm_TARGET', emoji: '\u2764\uFE0F' });
    expect(oneFb(fb.reaction('m_TARGET', '\u2764\uFE0F')).providerMessageId).toBe(r.providerMessageId);
    const u = oneFb(fb.reaction('m_TARGET', '\u2764\uFE0F', 'unreact', 1458692752999));
    expect(u.reaction).toEqual({ targetProviderMessageId: 'm_TARGET', emoji: '' });
    expect(u.providerMessageId).not.toBe(r.providerMessageId);
  });
});

describe('declared sha256 (hex or the base64 WhatsApp sends)', () => {
  it.each([
    [SHA_B64, SHA_HEX],
    [SHA_HEX.toUpperCase(), SHA_HEX],
    ['not-a-hash', null],
    [null, null],
  ])('%s', (s, out) => expect(declaredSha256(s)).toBe(out));
});
