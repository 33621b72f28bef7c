import { beforeAll, expect, it } from 'vitest';
import { parseEmail } from '../../../../src/server/channels/email/parse';
import { ingestInbound, type IngestDeps } from '../../../../src/server/channels/ingest';
import { phoneSettings } from '../../../../src/server/features/identity';
import { forEachDatabase } from '../../helpers/databases';
import { captureLogger, createCustomer, seedTeams } from '../helpers';

/**
 * A phone number in an email signature (issue 10): read in the desk's region (CN here), it suggests a merge with the
 * customer who has that number — a caller who now writes from a new address — and never joins or marks the thread
 * unverified (the email's From: is what the provider asserts).
 */
forEachDatabase('phone numbers in email signatures (region CN)', (ctx) => {
  let deps: IngestDeps;
  beforeAll(async () => {
    await seedTeams(ctx.db);
    deps = { db: ctx.db, logger: captureLogger(), phone: phoneSettings('CN', ['+862161234567']) };
  });
  const mail = (from: string, id: string, signature: string) =>
    Buffer.from(
      `From: ${from}\r\nTo: support@omnidesk.test\r\nSubject: =?UTF-8?B?${Buffer.from('血糖仪报错').toString('base64')}?=\r\nMessage-ID: <${id}@example.cn>\r\nDate: Mon, 16 Nov 2026 09:00:00 +0800\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
        Buffer.from(`您好，\n血糖仪一直报错 E3。\n\n${signature}\n`).toString('base64').replace(/.{76}/g, '$&\r\n') +
        '\r\n',
    );

  it('a new address whose signature names a known caller’s number: a new customer and a merge suggestion, the thread verified', async () => {
    const caller = await createCustomer(ctx.db, { name: '王伟', phones: ['+8613912345678'] });
    const parsed = await parseEmail(mail('Wang Wei <wang.wei.new@example.cn>', 'sig-1', '王伟\n手机：139 1234 5678'));
    expect(parsed.message.identity.signaturePhones).toEqual(['139 1234 5678']);
    const r = await ingestInbound(deps, parsed.message);
    expect(r).toMatchObject({ status: 'appended', newCustomer: true, mergeSuggested: true });
    expect(r.customerId).not.toBe(caller.id);
    const { rows } = await ctx.db.query<{ candidate_id: string; reason: string }>('select candidate_id, reason from merge_suggestions where customer_id = $1', [r.customerId]);
    expect(rows).toEqual([{ candidate_id: caller.id, reason: 'unverified_identity' }]);
    const thread = (await ctx.db.query<{ data: { unverified?: boolean } }>('select data from threads where id = $1', [r.threadId])).rows[0]!;
    expect(thread.data.unverified).toBeUndefined();
    // the number is no key of the new customer: it was only said
    const keys = await ctx.db.query<{ kind: string; value: string }>('select kind, value from customer_identities where customer_id = $1 order by kind', [r.customerId]);
    expect(keys.rows).toEqual([{ kind: 'email', value: 'wang.wei.new@example.cn' }]);
  });

  it('a known sender joins by their address whatever the signature says; the desk’s own number suggests nothing', async () => {
    const known = await createCustomer(ctx.db, { name: 'Li Na', emails: ['li.na@example.cn'] });
    const other = await createCustomer(ctx.db, { name: 'Zhao Lei', phones: ['+8613800138000'] });
    const r = await ingestInbound(deps, (await parseEmail(mail('Li Na <li.na@example.cn>', 'sig-2', '李娜\n手机 138 0013 8000'))).message);
    expect(r).toMatchObject({ customerId: known.id, newCustomer: false, mergeSuggested: false });
    expect(other.id).not.toBe(known.id);
    const desk = await ingestInbound(deps, (await parseEmail(mail('Somebody <somebody.new@example.cn>', 'sig-3', '客服热线 电话：021-6123 4567'))).message);
    expect(desk).toMatchObject({ newCustomer: true, mergeSuggested: false });
  });
});
