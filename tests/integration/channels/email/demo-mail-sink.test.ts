import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailSink, type MailSink } from '../../../../scripts/demo-mail-sink';
import { createSmtpSender } from '../../../../src/server/channels/email/smtp-outbound';
import { newId, type Customer, type Thread } from '../../../../src/shared';

/** `npm start`'s mail sink (issue 15): the demo's email replies really go out over SMTP and can be read in a browser. */
describe('the demo mail sink', () => {
  let sink: MailSink;
  let sender: ReturnType<typeof createSmtpSender>;
  beforeAll(async () => {
    sink = await startMailSink();
    // exactly as the server is configured by npm start: the sink's smtp:// URL
    sender = createSmtpSender({ transport: sink.smtpUrl, from: 'VitaLink Support <support@vitalink.example>' });
  });
  afterAll(async () => {
    sender?.close();
    await sink?.close();
  });

  it('an agent’s reply is delivered and readable, the customer’s text escaped', async () => {
    const at = new Date().toISOString();
    const customer: Customer = { id: newId(), teamId: newId(), name: 'Margaret Chen', emails: ['margaret@example.com'], phones: [], socialHandles: [], language: 'en', segment: 'adult', vip: false, devices: [], createdAt: at, updatedAt: at };
    const thread: Thread = { id: newId(), customerId: customer.id, caseId: null, channel: 'email', subject: 'Sensor <b>error</b>', externalRef: '<first@example.com>', openedAt: at };
    const { providerMessageId } = await sender.send({ eventId: newId(), body: 'Please restart the app.\n\nMei Lin', subject: 'Re: Sensor <b>error</b>', thread, customer, case: null, threadProviderIds: ['<first@example.com>'] });
    expect(providerMessageId).toBeTruthy();
    expect(sink.messages()).toEqual([expect.objectContaining({ to: 'margaret@example.com', subject: 'Re: Sensor <b>error</b>', text: expect.stringContaining('Please restart the app.') })]);
    const html = await (await fetch(sink.webUrl)).text();
    expect(html).toContain('Re: Sensor &lt;b&gt;error&lt;/b&gt;');
    expect(html).not.toContain('<b>error</b>');
    expect(html).toContain('Please restart the app.');
    const res = await fetch(sink.webUrl);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
