import { describe, expect, it } from 'vitest';
import { customerPhone, isDeskNumber, phoneSettings } from '../../../../src/server/features/identity';
import { prepareInbound } from '../../../../src/server/channels/ingest/prepare';
import type { InboundMessage } from '../../../../src/server/channels/types';

const CN = phoneSettings('cn', ['021 6000 0000', '+86 400 800 1234']);
const US = phoneSettings(undefined);

describe('phone numbers read in the desk region (issue 10)', () => {
  it.each([
    [CN, '8613912345678', '+8613912345678'],
    [CN, '008613912345678', '+8613912345678'],
    [CN, '+86 139 1234 5678', '+8613912345678'],
    [CN, '13800138000', '+8613800138000'],
    [CN, '021 6234 5678', '+862162345678'],
    [CN, '(021) 6234-5678', '+862162345678'],
    [CN, 'tel:+14155552671', '+14155552671'],
    [US, '8613912345678', '+8613912345678'], // bare international digits, no valid US number
    [US, '14155552671', '+14155552671'],
    [US, '(415) 555-2671', '+14155552671'],
    [CN, 'anonymous', null],
    [CN, 'Restricted', null],
    [CN, '', null],
    [CN, '201', null], // an extension
    [CN, '02160000000', null], // the desk's hotline
    [CN, '4008001234', null], // the desk's WhatsApp number, written nationally
  ])('%# customerPhone(%s) → %s', (settings, raw, expected) => {
    expect(customerPhone(settings, raw)).toBe(expected);
  });

  it('knows the desk numbers however they are written', () => {
    expect(isDeskNumber(CN, '+862160000000')).toBe(true);
    expect(isDeskNumber(CN, '0086 21 6000 0000')).toBe(true);
    expect(isDeskNumber(CN, '+8613912345678')).toBe(false);
  });

  it('refuses an unknown region or a desk number that is none, at start, without echoing the entry', () => {
    expect(() => phoneSettings('XX')).toThrow(/OMNIDESK_PHONE_REGION: "XX"/);
    expect(() => phoneSettings('CN', ['+8621600000000000000000'])).toThrow(/OMNIDESK_DESK_NUMBERS: entry 1 is not a phone number/);
  });
});

describe('inbound contacts never take a desk number as a key or claim', () => {
  const msg = (identity: InboundMessage['identity']): InboundMessage => ({
    channel: 'social', providerMessageId: 'wamid.1', identity, threadRef: 'r', body: 'hi', occurredAt: '2026-12-05T08:00:00Z', network: 'whatsapp',
  });

  it('a WhatsApp message from the business number has no phone or handle key', () => {
    const p = prepareInbound(msg({ phone: '+864008001234', social: { network: 'whatsapp', handle: '864008001234' } }), CN);
    expect(p.keys).toEqual([]);
  });

  it('a customer WhatsApp id is read as the international number it is', () => {
    const p = prepareInbound(msg({ phone: '+8613912345678', social: { network: 'whatsapp', handle: '8613912345678' } }), CN);
    expect(p.keys).toEqual([
      { kind: 'phone', value: '+8613912345678' },
      { kind: 'social', value: 'whatsapp:8613912345678' },
    ]);
  });

  it('a chat visitor who types a local number has it read in the region; typing the hotline claims nothing', () => {
    expect(prepareInbound(msg({ claimedPhone: '139 1234 5678', verified: false }), CN).claims).toEqual([{ kind: 'phone', value: '+8613912345678' }]);
    expect(prepareInbound(msg({ claimedPhone: '021-60000000', verified: false }), CN).claims).toEqual([]);
  });
});
