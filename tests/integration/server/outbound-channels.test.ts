import { afterEach, expect, it } from 'vitest';
import { CONVERSATIONS_OUTBOUND } from '../../../src/shared/index';
import { forEachDatabase } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Honest state (issue 15): the server tells every desktop which channels it can send replies on, when it starts,
 * so a reply on one that cannot says so instead of sitting "Queued" forever.
 */
forEachDatabase('which channels the server can send on', (ctx) => {
  let t: TestServer | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });
  const published = async () => (await ctx.db.query<{ data: unknown; team_ids: string[] }>('select data, team_ids from reference_items where kind = $1', [CONVERSATIONS_OUTBOUND.kind])).rows;

  it('without senders nothing can go out; with the email sender (and the chat that always comes with senders) email and chat can', async () => {
    t = await startTestServer(ctx.db, { customers: 2 });
    expect(await published()).toEqual([{ data: { email: false, social: false, chat: false }, team_ids: [] }]);
    await t.close();
    t = await startTestServer(ctx.db, { seed: false, server: { senders: [{ channel: 'email', send: async () => ({ providerMessageId: null }) }] } });
    expect(await published()).toEqual([{ data: { email: true, social: false, chat: true }, team_ids: [] }]);
  });
});
