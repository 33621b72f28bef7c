import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { initI18n } from '../../../src/renderer/kernel/i18n';
import { BounceReportView } from '../../../src/renderer/features/conversations/BounceReportView';
import type { BounceReport } from '../../../src/shared/kernel/event';

/** Issue 10 item 6a: a bounce shows who reported it, which recipient failed and why, and which message came back. */
describe('BounceReportView', () => {
  const report: BounceReport = {
    reportedBy: 'MAILER-DAEMON@mx1.example.net',
    reportingMta: 'mx1.example.net',
    recipients: [
      { recipient: 'p.patient@example.org', action: 'failed', status: '5.1.1', remoteMta: 'mx.example.org', diagnostic: '550 5.1.1 User unknown' },
      { recipient: 'caregiver@example.org', action: 'delayed', status: '4.4.1', remoteMta: null, diagnostic: null },
      { recipient: 'x@example.org', action: null, status: null, remoteMta: null, diagnostic: null },
    ],
    returnedMessage: { messageId: '<r@omnidesk.test>', subject: 'Re: Sensor <b>stuck</b>', date: null, attachmentId: 'a:1' },
  };
  const render = async (lng: 'en' | 'zh-CN', r: BounceReport) => {
    const i18n = await initI18n(lng);
    return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(BounceReportView, { report: r })));
  };

  it('en: reporter and MTA, each recipient with its action, status and reason, the returned message (text, escaped)', async () => {
    const html = await render('en', report);
    for (const text of [
      'Delivery report from MAILER-DAEMON@mx1.example.net (mx1.example.net)',
      'p.patient@example.org: not delivered · 5.1.1 · 550 5.1.1 User unknown',
      'caregiver@example.org: delayed · 4.4.1',
      'x@example.org: no action given',
      'Returned message: Re: Sensor &lt;b&gt;stuck&lt;/b&gt;',
    ]) {
      expect(html).toContain(text);
    }
  });

  it('zh-CN, and a report without recipients or returned message', async () => {
    const html = await render('zh-CN', { ...report, reportingMta: null, recipients: [], returnedMessage: null });
    expect(html).toContain('投递报告，来自 MAILER-DAEMON@mx1.example.net');
    expect(html).not.toContain('bounce-returned');
    expect(html).not.toContain('<ul');
  });
});
