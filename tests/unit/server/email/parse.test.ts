import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EMAIL_LIMITS, EmailRejectedError, normaliseId, parseEmail } from '../../../../src/server/channels/email/parse';
import { decodeUtf7, repairHeaderBytes, transcodeUtf7Parts } from '../../../../src/server/channels/email/raw-charset';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/email/${name}`, import.meta.url));
const NOW = new Date('2026-11-22T12:00:00.000Z');
const parse = (name: string) => parseEmail(fixture(name), DEFAULT_EMAIL_LIMITS, NOW);

describe('parseEmail: real MIME samples', () => {
  it.each([
    ['plain.eml', 'alice@example.com', 'Alice Example', 'Glucose sensor reading stuck', 'my sensor shows the same value since this morning.'],
    ['gb2312.eml', 'zhang.wei@example.cn', '张伟', '血糖仪读数不准', '您好，我的血糖仪读数比医院测的高很多，请帮忙。'],
    ['gbk.eml', 'li@example.cn', null, '心率数据丢失', '朱镕基式的问题：手环心率数据丢失。'],
    ['big5.eml', 'chen@example.tw', null, '血氧儀無法開機', '您好，我的血氧儀昨天開始無法開機。'],
  ])('%s: sender, subject and body decoded', async (name, email, displayName, subject, bodyPart) => {
    const p = await parse(name);
    expect(p.message.channel).toBe('email');
    expect(p.message.identity).toEqual({ email, displayName });
    expect(p.message.subject).toBe(subject);
    expect(p.message.body).toContain(bodyPart);
    expect(p.message.html ?? null).toBeNull();
    expect(p.automated).toBeNull();
  });

  it('plain: Message-ID is the provider id and the thread root; Date becomes occurredAt', async () => {
    const p = await parse('plain.eml');
    expect(p.message.providerMessageId).toBe('<plain-1@example.com>');
    expect(p.message.threadRef).toBe('<plain-1@example.com>');
    expect(p.message.replyTo).toEqual([]);
    expect(p.message.occurredAt).toBe('2026-06-15T09:00:00.000Z');
    expect(p.syntheticMessageId).toBe(false);
  });

  it('multipart/alternative: text part for the body, sanitized HTML kept, threading from In-Reply-To/References', async () => {
    const p = await parse('multipart-alternative.eml');
    expect(p.message.body).toBe('The battery lasts only two days now. Plain part ✓');
    expect(p.message.html).toBe('<p>The battery lasts only <i>two days</i> now. HTML part ✓</p>');
    expect(p.message.replyTo).toEqual(['<agent-reply-1@omnidesk.test>', '<root-1@example.com>']);
    expect(p.message.threadRef).toBe('<root-1@example.com>');
  });

  it('hostile HTML: scripts, handlers, forms, iframes removed; remote image blocked; text derived from the sanitized HTML', async () => {
    const p = await parse('html-hostile.eml');
    const html = p.message.html ?? '';
    expect(html).toContain('<b>crashes</b>');
    for (const bad of ['<script', 'alert(', 'onclick', 'onload', '<iframe', '<form', '<input', 'javascript:', 'evil.example', '<style']) {
      expect(html).not.toContain(bad);
    }
    expect(html).toContain('data-remote-src="https://tracker.example/open.gif?u=1"');
    expect(html).not.toMatch(/<img[^>]*\ssrc=/);
    expect(p.message.body).toContain('The app crashes when I open it.');
    expect(p.message.body).not.toContain('alert');
  });

  it('attachments: content hashed (sha256), identical files share a hash, metadata in the message', async () => {
    const p = await parse('attachments.eml');
    expect(p.attachments.map((a) => a.meta.filename)).toEqual(['receipt.pdf', 'cuff.png', 'receipt-copy.pdf']);
    const [pdf, png, copy] = p.attachments;
    expect(pdf!.meta.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(copy!.meta.sha256).toBe(pdf!.meta.sha256);
    expect(png!.meta.contentType).toBe('image/png');
    expect(pdf!.meta.size).toBe(pdf!.content.length);
    expect(p.message.attachments).toEqual(p.attachments.map((a) => a.meta));
    expect(new Set(p.message.attachments!.map((a) => a.id)).size).toBe(3);
  });

  it('an attachment over the limit is dropped with a note; the message is kept', async () => {
    const p = await parseEmail(fixture('attachments.eml'), { ...DEFAULT_EMAIL_LIMITS, maxAttachmentBytes: 500 }, NOW);
    expect(p.attachments.map((a) => a.meta.filename)).toEqual(['cuff.png']);
    expect(p.droppedAttachments).toBe(2);
    expect(p.message.body).toContain('Receipt and a photo of the cuff attached.');
    expect(p.message.body).toContain('[Attachment "receipt.pdf" (0.0 MB) was not stored: over the 0.0 MB limit per attachment.]');
  });

  it('the total attachment limit drops what does not fit', async () => {
    const p = await parseEmail(fixture('attachments.eml'), { ...DEFAULT_EMAIL_LIMITS, maxTotalAttachmentBytes: 1100 }, NOW);
    expect(p.attachments.map((a) => a.meta.filename)).toEqual(['receipt.pdf']);
    expect(p.droppedAttachments).toBe(2);
  });

  it('a whole message over the message limit is refused', async () => {
    await expect(parseEmail(fixture('plain.eml'), { ...DEFAULT_EMAIL_LIMITS, maxMessageBytes: 100 }, NOW)).rejects.toMatchObject({
      name: 'EmailRejectedError',
      code: 'TOO_LARGE',
    });
  });

  it.each([
    ['auto-reply.eml', 'auto-reply'],
    ['precedence-bulk.eml', 'auto-reply'],
    ['bounce-dsn.eml', 'bounce'],
    ['dsn-no-daemon.eml', 'bounce'],
    ['plain.eml', null],
    ['multipart-alternative.eml', null],
  ])('%s: automated = %s', async (name, kind) => {
    expect((await parse(name)).automated).toBe(kind);
  });

  it('a bounce is threaded to the message that failed (its quoted Message-ID)', async () => {
    const p = await parse('bounce-dsn.eml');
    expect(p.message.replyTo).toEqual(['<agent-reply-7@omnidesk.test>']);
    expect(p.message.automated).toBe('bounce');
    expect(p.dsnStatus).toBe('5.1.1');
    expect((await parse('plain.eml')).dsnStatus).toBeNull();
  });

  it('missing Message-ID: a stable synthetic id (same bytes → same id)', async () => {
    const a = await parse('no-message-id.eml');
    const b = await parse('no-message-id.eml');
    expect(a.syntheticMessageId).toBe(true);
    expect(a.message.providerMessageId).toMatch(/^<[0-9a-f]{40}@synthetic\.omnidesk>$/);
    expect(b.message.providerMessageId).toBe(a.message.providerMessageId);
    expect(a.message.threadRef).toBe(a.message.providerMessageId);
  });

  it('garbage without a sender is rejected with a clear, content-free error', async () => {
    const err = await parse('malformed-no-from.eml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmailRejectedError);
    expect((err as EmailRejectedError).code).toBe('NO_SENDER');
    await expect(parseEmail(Buffer.alloc(0))).rejects.toMatchObject({ code: 'MALFORMED' });
  });

  it('broken multipart (unclosed boundary, bad base64) is neutralised, not a crash', async () => {
    const p = await parse('malformed-boundary.eml');
    expect(p.message.providerMessageId).toBe('<broken-1@example.com>');
    expect(p.message.body).not.toContain('\u0000');
    // no Date header: the receive time
    expect(p.message.occurredAt).toBe(NOW.toISOString());
  });

  it('a Date in the future is clamped to now', async () => {
    const raw = Buffer.from(
      'From: a@example.com\r\nSubject: x\r\nDate: Fri, 01 Jan 2100 00:00:00 +0000\r\nMessage-ID: <f@x>\r\n\r\nhi\r\n',
    );
    expect((await parseEmail(raw, DEFAULT_EMAIL_LIMITS, NOW)).message.occurredAt).toBe(NOW.toISOString());
  });

  it('NUL and control characters never reach the event', async () => {
    const raw = Buffer.from('From: a@example.com\r\nSubject: x\u0000y\r\nMessage-ID: <n@x>\r\n\r\nhe\u0000llo\u0007\r\n');
    const p = await parseEmail(raw, DEFAULT_EMAIL_LIMITS, NOW);
    expect(p.message.body).toBe('hello');
    expect(p.message.subject).toBe('xy');
  });

  it('normaliseId keeps the <…> form', () => {
    expect(normaliseId(' <a@b> ')).toBe('<a@b>');
    expect(normaliseId('a@b')).toBe('<a@b>');
    expect(normaliseId('')).toBeNull();
    expect(normaliseId('two words')).toBeNull();
  });
});

describe('parseEmail: raw 8-bit header bytes (issue 10 item 6c)', () => {
  it('raw Latin-1 in From and Subject: decoded with the charset the body declares, not shown as �', async () => {
    const p = await parse('latin1-raw-headers.eml');
    expect(p.message.identity.displayName).toBe('José Müller');
    expect(p.message.subject).toBe('Messgerät zeigt «Fehler 3»');
    expect(p.message.body).toBe('Das Gerät zeigt seit gestern «Fehler 3».');
  });

  it('raw bytes inside an encoded word are decoded in the word\'s own charset, not as ï¿½', async () => {
    const p = await parse('encoded-word-raw-byte.eml');
    expect(p.message.identity.displayName).toBe('François Lefèvre');
    expect(p.message.subject).toBe('Problème de téléchargement');
    expect(p.message.body).toBe('Bonjour, le téléchargement échoue.');
  });

  it('raw GBK bytes with no charset declared anywhere: GB18030 by the paired-high-byte heuristic', async () => {
    const p = await parse('gbk-raw-header-undeclared.eml');
    expect(p.message.subject).toBe('血压计无法连接');
  });

  it('raw UTF-8 headers (RFC 6532) are left as they are, even when the body declares Latin-1', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: =?utf-8?Q?Zo=C3=AB?= <zoe@example.com>\r\nSubject: Gerät kaputt ✓\r\nMessage-ID: <u8@x>\r\n', 'utf8'),
      Buffer.from('Content-Type: text/plain; charset=iso-8859-1\r\n\r\nGer\xe4t\r\n', 'latin1'),
    ]);
    const p = await parseEmail(raw, DEFAULT_EMAIL_LIMITS, NOW);
    expect(p.message.subject).toBe('Gerät kaputt ✓');
    expect(p.message.identity.displayName).toBe('Zoë');
    expect(p.message.body).toBe('Gerät');
  });

  it('isolated high bytes without a declared charset: windows-1252 (€ and curly quotes included)', async () => {
    const raw = Buffer.from('From: a@example.com\r\nSubject: Preis 20\x80 \x93neu\x94 f\xfcr M\xfcller\r\nMessage-ID: <w@x>\r\n\r\nhi\r\n', 'latin1');
    expect((await parseEmail(raw, DEFAULT_EMAIL_LIMITS, NOW)).message.subject).toBe('Preis 20€ “neu” für Müller');
  });
});

describe('parseEmail: UTF-7 (issue 10 item 6d)', () => {
  it('a charset=utf-7 body and a UTF-7 encoded word are decoded', async () => {
    const p = await parse('utf7.eml');
    expect(p.message.body).toBe('Hi Mom -☺-! 血糖 5.6 mmol/L');
    expect(p.message.subject).toBe('Café question');
  });

  it('unicode-1-1-utf-7 text and HTML parts (any case) are decoded; the HTML is still sanitized', async () => {
    const p = await parse('unicode-1-1-utf7.eml');
    expect(p.message.body).toBe('Der Blutdruck ist zu hoch: 150/95 — bitte prüfen');
    expect(p.message.html).toBe('<p>Der Blutdruck ist zu hoch: 150/95 — bitte prüfen</p>');
  });

  it('markup hidden in UTF-7 is decoded before the sanitizer, so it is removed like any script', async () => {
    const raw = Buffer.from(
      'From: a@example.com\r\nMessage-ID: <u7x@x>\r\nContent-Type: text/html; charset=utf-7\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n' +
        '<p>ok</p>+ADw-script+AD4-alert(1)+ADw-/script+AD4-+ADw-img src+AD0AIg-x+ACI- onerror+AD0AIg-alert(2)+ACI-+AD4-\r\n',
    );
    const p = await parseEmail(raw, DEFAULT_EMAIL_LIMITS, NOW);
    expect(p.message.html?.trim()).toBe('<p>ok</p><img />');
    expect(p.message.body).not.toContain('alert');
  });

  it('decodeUtf7: RFC 2152 examples, "+-", a lone "+", an unpaired surrogate', () => {
    expect(decodeUtf7('Hi Mom -+Jjo--!')).toBe('Hi Mom -☺-!');
    expect(decodeUtf7('+ZeVnLIqe-')).toBe('日本語');
    expect(decodeUtf7('A+ImIDkQ.')).toBe('A≢Α.');
    expect(decodeUtf7('1 +- 1 = 2, a + b')).toBe('1 + 1 = 2, a + b');
    expect(decodeUtf7('+2D0-')).toBe('\ufffd');
    expect(decodeUtf7('+2D3eAQ-')).toBe('😁');
  });

  it('a message without UTF-7 goes to mailparser byte for byte', () => {
    const raw = fixture('attachments.eml');
    expect(transcodeUtf7Parts(raw)).toBe(raw);
    expect(repairHeaderBytes(raw)).toBe(raw);
  });

  it('a UTF-7 part inside multipart/mixed is transcoded and the attachment next to it kept intact', async () => {
    const raw = Buffer.from(
      'From: a@example.com\r\nMessage-ID: <u7m@x>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="m"\r\n\r\n' +
        '--m\r\nContent-Transfer-Encoding: base64\r\nContent-Type: text/plain;\r\n charset="UTF-7"\r\nContent-Description: body\r\n\r\n' +
        Buffer.from('Sensor +AOQ-ndert Werte').toString('base64') +
        '\r\n--m\r\nContent-Type: application/octet-stream; name="log.bin"\r\nContent-Disposition: attachment; filename="log.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\nAAECAwQ=\r\n--m--\r\n',
    );
    const p = await parseEmail(raw, DEFAULT_EMAIL_LIMITS, NOW);
    expect(p.message.body).toBe('Sensor ändert Werte');
    expect(p.attachments.map((a) => [a.meta.filename, a.content.toString('hex')])).toEqual([['log.bin', '0001020304']]);
  });
});

describe('parseEmail: inline cid: images (issue 10 item 6b)', () => {
  it('an Outlook multipart/related image referenced by cid: is shown from a data: URI; the part is kept with its Content-ID', async () => {
    const p = await parse('inline-cid.eml');
    const png = p.attachments.find((a) => a.meta.filename === 'image001.png')!;
    expect(png.meta.contentId).toBe('image001.png@01DA1F2B.3C4D5E60');
    expect(p.message.attachments).toEqual([png.meta]);
    const html = p.message.html ?? '';
    expect(html).toContain(`src="data:image/png;base64,${png.content.toString('base64')}"`);
    expect(html).toContain('alt="error"');
    expect(html).not.toContain('cid:');
    // the unknown cid: loads nothing
    expect(html).toMatch(/<p><img \/><\/p>/);
  });

  it('over the inline budget: no data: URI, the alt text names the attachment (never an empty image)', async () => {
    const p = await parseEmail(fixture('inline-cid.eml'), { ...DEFAULT_EMAIL_LIMITS, maxInlineImageBytes: 10 }, NOW);
    const html = p.message.html ?? '';
    expect(html).not.toContain('data:image');
    expect(html).toContain('alt="error"');
    const noAlt = await parseEmail(
      Buffer.from(fixture('inline-cid.eml').toString('latin1').replace('alt=3D"=\r\nerror"', ''), 'latin1'),
      { ...DEFAULT_EMAIL_LIMITS, maxInlineImageBytes: 10 },
      NOW,
    );
    expect(noAlt.message.html).toContain('alt="[image001.png: see the attachments]"');
  });

  it('a cid: part that is not really an image (declared image/png, HTML bytes) is never inlined', async () => {
    const raw = Buffer.from(
      'From: a@example.com\r\nMessage-ID: <fake-img@x>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="r"\r\n\r\n' +
        '--r\r\nContent-Type: text/html\r\n\r\n<p><img src="cid:x@y"></p>\r\n' +
        '--r\r\nContent-Type: image/png\r\nContent-ID: <x@y>\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
        Buffer.from('<svg onload="alert(1)"></svg>').toString('base64') +
        '\r\n--r--\r\n',
    );
    const p = await parseEmail(raw, DEFAULT_EMAIL_LIMITS, NOW);
    expect(p.message.html).not.toContain('data:');
    expect(p.message.html).not.toContain('cid:');
  });
});

describe('parseEmail: inline images never cost the HTML', () => {
  it('HTML that fits only without its inline images keeps the HTML and drops the data: URIs', async () => {
    const filler = `<p>${'x'.repeat(999_800)}</p>`;
    const raw = Buffer.from(
      fixture('inline-cid.eml').toString('latin1').replace('<html><body>', `<html><body>${filler}`),
      'latin1',
    );
    const p = await parseEmail(raw, DEFAULT_EMAIL_LIMITS, NOW);
    expect(p.message.html).toContain(filler);
    expect(p.message.html).not.toContain('data:image');
    expect(p.message.html).toContain('alt="error"');
  });
});

describe('parseEmail: bounces keep their delivery report (issue 10 item 6a)', () => {
  it('Postfix multipart/report: reporter, reporting MTA, each recipient with action/status/diagnostic, the returned message named', async () => {
    const p = await parse('bounce-postfix.eml');
    expect(p.automated).toBe('bounce');
    expect(p.dsnStatus).toBe('5.1.1');
    const returned = p.attachments.find((a) => a.meta.contentType === 'message/rfc822')!;
    expect(returned.meta.filename).toBe('returned-message.eml');
    expect(p.attachments.map((a) => a.meta.filename)).not.toContain('attachment-1');
    expect(p.message.bounceReport).toEqual({
      reportedBy: 'MAILER-DAEMON@mx1.example.net',
      reportingMta: 'mx1.example.net',
      recipients: [
        {
          recipient: 'p.patient@example.org',
          action: 'failed',
          status: '5.1.1',
          remoteMta: 'mx.example.org',
          diagnostic: '550 5.1.1 <p.patient@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
        },
        { recipient: 'caregiver@example.org', action: 'delayed', status: '4.4.1', remoteMta: null, diagnostic: 'connect to mx2.example.org[192.0.2.26]:25: Connection timed out' },
      ],
      returnedMessage: {
        messageId: '<agent-reply-9@omnidesk.test>',
        subject: 'Re: Sensor reading stuck',
        date: '2026-06-15T13:02:08.000Z',
        attachmentId: returned.meta.id,
      },
    });
    // threaded to the reply that failed
    expect(p.message.replyTo?.[0]).toBe('<agent-reply-9@omnidesk.test>');
  });

  it('text/rfc822-headers (headers only): named returned-message-headers.txt, its Message-ID and Subject kept', async () => {
    const p = await parse('bounce-dsn.eml');
    expect(p.attachments.map((a) => a.meta.filename)).toEqual(['returned-message-headers.txt']);
    expect(p.message.bounceReport).toMatchObject({
      reportedBy: 'MAILER-DAEMON@mx.example.com',
      reportingMta: 'mx.example.com',
      recipients: [{ recipient: 'nobody@example.com', action: 'failed', status: '5.1.1', remoteMta: null, diagnostic: null }],
      returnedMessage: { messageId: '<agent-reply-7@omnidesk.test>', subject: 'Re: Your case', date: null },
    });
  });

  it('a report sent by an ordinary address keeps that address as the reporter', async () => {
    const p = await parse('dsn-no-daemon.eml');
    expect(p.message.bounceReport).toMatchObject({ reportedBy: 'reports@mx.example.org', recipients: [{ recipient: 'x@example.org', status: '5.0.0' }], returnedMessage: null });
    expect(p.dsnStatus).toBe('5.0.0');
  });

  it('message/global-delivery-status (RFC 6533, UTF-8) is read too; ordinary mail has no report', async () => {
    const raw = Buffer.from(
      'From: postmaster@mx.example.cn\r\nMessage-ID: <g@x>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=global-delivery-status; boundary="g"\r\n\r\n' +
        '--g\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n退信\r\n--g\r\nContent-Type: message/global-delivery-status\r\n\r\n' +
        'Reporting-MTA: dns; mx.example.cn\r\n\r\nFinal-Recipient: utf-8; 张伟@例子.中国\r\nAction: failed\r\nStatus: 5.1.10\r\n--g--\r\n',
      'utf8',
    );
    const p = await parseEmail(raw, DEFAULT_EMAIL_LIMITS, NOW);
    expect(p.message.bounceReport?.recipients).toEqual([{ recipient: '张伟@例子.中国', action: 'failed', status: '5.1.10', remoteMta: null, diagnostic: null }]);
    expect((await parse('plain.eml')).message.bounceReport).toBeUndefined();
  });
});

describe('parseEmail: raw 8-bit bytes in a part header', () => {
  it('a raw GBK attachment name (an old Chinese client) is decoded with the charset the message declares; mailparser alone garbles it', async () => {
    const p = await parse('gbk-attachment-name.eml');
    expect(p.attachments.map((a) => a.meta.filename)).toEqual(['血压计报告.pdf']);
    expect(p.attachments[0]!.content.toString('latin1')).toBe('%PDF-');
    expect(p.message.subject).toBe('血压计报告');
    expect(p.message.body).toBe('附件是血压计报告。');
  });
});
