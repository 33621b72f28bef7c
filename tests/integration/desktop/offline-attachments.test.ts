/**
 * Files on email replies written while the server is away (issue 15: agents keep working through outages): the
 * desktop keeps the file in its cache and describes it as the server will; the reply names it; when the server is
 * back the sync loop uploads the file first and then pushes the reply, which the server accepts (the file is the
 * author's upload) — once, with the file readable from the server.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type OmnideskServer } from '../../../src/server/app';
import { createLogger } from '../../../src/server/kernel/logger';
import { attachmentPath } from '../../../src/shared/contracts/http';
import type { EventOf } from '../../../src/shared';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { openDesk, type Desk } from '../helpers/desk';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../helpers/server';

const quiet = createLogger({ level: 'warn' });

describe('a reply with a file, written offline', () => {
  let database: TestDatabase;
  let ts: TestServer;
  let server: OmnideskServer | null;
  let port: number;
  let desk: Desk;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    ts = await startTestServer(database.db, { customers: 12 });
    server = ts.server;
    port = Number(new URL(ts.baseUrl).port);
    desk = openDesk(ts.baseUrl, { reconnectionDelayMax: 300 }, { httpTimeoutMs: 3_000 });
    await desk.login('alice');
    await desk.synced(database.db, 30_000);
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
    await server?.close();
    await database?.dispose();
  });

  it('keeps the file, then uploads it before the reply when the server is back: the reply lands once, with its file', async () => {
    const { rows } = await database.db.query<{ case_id: string; thread_id: string }>(
      `select c.id as case_id, t.id as thread_id from cases c join threads t on t.case_id = c.id join agents a on a.id = c.assignee_id
        where a.username = 'alice' and t.channel = 'email' and c.status not in ('resolved', 'closed') limit 1`,
    );
    const target = rows[0]!;
    expect(target, 'alice has an open email case').toBeTruthy();

    await server!.close();
    server = null;
    await desk.offline();

    const bytes = Buffer.from('%PDF-1.4 return label written offline');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const kept = await desk.call('attachment.upload', { filename: 'Rücksendeetikett.pdf', contentType: 'application/pdf', dataBase64: bytes.toString('base64') });
    expect(kept).toEqual({ id: `upload-${sha256.slice(0, 32)}`, filename: 'Rücksendeetikett.pdf', contentType: 'application/pdf', size: bytes.length, sha256 });
    // the same file twice is one file waiting
    await desk.call('attachment.upload', { filename: 'Rücksendeetikett.pdf', contentType: 'application/pdf', dataBase64: bytes.toString('base64') });
    const { eventId } = await desk.call('reply.send', { caseId: target.case_id, threadId: target.thread_id, body: 'Here is the return label.', attachments: [kept] });
    expect((await desk.status()).pending).toBeGreaterThan(0);

    server = createServer({ db: database.db, jwtSecret: TEST_JWT_SECRET, logger: quiet, featureJobs: { sla: false } });
    await server.listen({ port, host: '127.0.0.1' });
    await desk.synced(database.db, 30_000);

    const { rows: sent } = await database.db.query<{ id: string; meta: EventOf<'message.sent'>['meta'] }>("select id, meta from events where id = $1 and kind = 'message.sent'", [eventId]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.meta.attachments?.map((a) => a.sha256)).toEqual([sha256]);
    expect((await desk.call('sync.rejected', {})).map((r) => r.eventId)).not.toContain(eventId);
    const { rows: uploads } = await database.db.query<{ n: string }>("select count(*) as n from attachment_uploads u join agents a on a.id = u.agent_id where a.username = 'alice' and u.sha256 = $1", [sha256]);
    expect(Number(uploads[0]!.n)).toBe(1);
    // the server serves the file of the reply
    const res = await fetch(`${ts.baseUrl}${attachmentPath(eventId, sha256)}`, { headers: { authorization: `Bearer ${await ts.token('alice')}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
