import { describe, expect, it } from 'vitest';
import { signaturePhones } from '../../../../src/server/channels/email/signature';

/** Numbers in an email signature (issue 10): only the signature, only numbers that say what they are or are international. */
describe('signaturePhones', () => {
  it.each<[string, string, string[]]>([
    ['an English signature after "-- "', 'Hello,\nmy sensor fails.\n\n-- \nJane Doe\nTel: +1 (415) 555-0100\n', ['+1 (415) 555-0100']],
    ['a Chinese signature, national format', '您好，\n血糖仪一直报错。\n\n王伟\n手机：139 1234 5678\n上海市浦东新区', ['139 1234 5678']],
    ['a Shanghai landline with its label', '谢谢\n李娜\n电话: 021-6234 5678', ['021-6234 5678']],
    ['Traditional, mobile', '謝謝\n陳小姐\n手機 0912-345-678', ['0912-345-678']],
    ['an unlabelled international number', 'Thanks\nBest, Omar\n+44 20 7946 0958', ['+44 20 7946 0958']],
    ['an order number is no phone', 'Hi, my order 2026112345678 has not arrived.\nThanks\nAnna', []],
    ['a date is no phone', 'Thanks\nAnna\nTel: 2026-11-30', []],
    ['numbers in the quoted history are not the sender\'s', 'Thanks, that helped.\nAnna\n\nOn Mon, 16 Nov 2026 at 09:00, Support <s@x> wrote:\n> Call us: +1 800 555 0100\n', []],
    ['a number in the first paragraph of a long message is no signature', 'Hello,\nyou can reach my husband on +86 139 1234 5678 if I am out.\n\n' + 'More details follow.\n'.repeat(10) + 'Anna', []],
    ['at most two', '-- \nA\nTel: +1 415 555 0100\nMobile: +1 415 555 0101\nFax: +1 415 555 0102', ['+1 415 555 0100', '+1 415 555 0101']],
  ])('%s', (_label, text, expected) => {
    expect(signaturePhones(text)).toEqual(expected);
  });
});
