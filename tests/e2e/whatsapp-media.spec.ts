/**
 * Issue 10, end to end: a WhatsApp image arrives (webhook in the Cloud API's format), the server downloads it through
 * the media endpoint of a fake Graph API into the attachment store, and the agent's timeline shows it as a picture read
 * from that store; the customer's reaction to the agent's reply shows on that reply.
 */
import { readFileSync } from 'node:fs';
import { startStack, type Stack } from '../support/stack';
import { pngBytes, sha256Hex, startFakeGraph, type FakeGraph } from '../support/fake-graph';
import { wa, waWebhook } from '../fixtures/social/meta-webhooks';
import { postWebhook, SOCIAL_SERVER_ENV } from './social-webhook';
import { expect, login, LOGINS, openCustomerBySearch, test as base, waitUntilSynced } from './fixtures';

const test = base.extend<object, { graph: FakeGraph; stack: Stack }>({
  graph: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const g = await startFakeGraph();
      await use(g);
      await g.close();
    },
    { scope: 'worker' },
  ],
  stack: [
    async ({ graph }, use) => {
      const stack = await startStack({
        serverEnv: { ...SOCIAL_SERVER_ENV, OMNIDESK_SOCIAL_API_URL: graph.url, OMNIDESK_SOCIAL_ACCESS_TOKEN: graph.token },
      });
      await use(stack);
      await stack.close();
    },
    { scope: 'worker', timeout: 240_000 },
  ],
});

test('a WhatsApp image shows as a picture from the attachment store; a reaction shows on the message it reacts to', async ({ page, stack, graph }) => {
  const post = (body: unknown) => postWebhook(stack, body);
  await login(page, stack, LOGINS.agent);
  await waitUntilSynced(page);

  const from = `1631555${String(Date.now()).slice(-4)}`;
  const name = `Wanda Photo ${Date.now()}`;
  const png = pngBytes(9);
  graph.media.set('E2E-MEDIA-1', { bytes: png, mimeType: 'image/png' });
  const now = () => String(Math.floor(Date.now() / 1000));
  await post(waWebhook([{ ...wa.image('wamid.E2E.IMG', 'E2E-MEDIA-1', Buffer.from(sha256Hex(png), 'hex').toString('base64'), 'my arm under the patch', from), timestamp: now() }], from, name));

  await openCustomerBySearch(page, name);
  const image = page.locator('[data-testid="timeline-item"][data-kind="message.received"]').filter({ hasText: 'my arm under the patch' });
  await expect(image).toHaveCount(1);
  // the picture comes from the attachment store (downloaded after the message was committed)
  const picture = image.getByTestId('timeline-image');
  await expect(picture).toBeVisible({ timeout: 30_000 });
  await expect(picture).toHaveAttribute('data-sha256', sha256Hex(png));
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(24);
  expect(graph.requests.filter((r) => r.path.includes('E2E-MEDIA-1')).every((r) => r.bearer)).toBe(true);

  // the agent answers on WhatsApp; the customer reacts to that answer with a thumbs-up
  const reply = `Please take a photo in daylight too (ref ${Date.now()}).`;
  await page.getByTestId('composer-input').fill(reply);
  await page.getByTestId('composer-send').click();
  await expect.poll(() => graph.sent.find((s) => s.body === reply)?.wamid ?? null, { timeout: 30_000 }).not.toBeNull();
  const wamid = graph.sent.find((s) => s.body === reply)!.wamid;
  await post(waWebhook([{ ...wa.reaction('wamid.E2E.REACT', wamid, '\u{1F44D}'), from, timestamp: now() }], from, name));

  const sent = page.locator('[data-testid="timeline-item"][data-kind="message.sent"]').filter({ hasText: reply });
  await expect(sent.getByTestId('timeline-reaction')).toHaveText('\u{1F44D}', { timeout: 30_000 });
  // a reaction is no item of its own, and the image has none
  await expect(page.locator('[data-testid="timeline-item"][data-kind="message.reacted"]')).toHaveCount(0);
  await expect(image.getByTestId('timeline-reaction')).toHaveCount(0);

  const imageId = await image.getAttribute('data-event-id');
  // a list answer that replies to the photo: the answer's title, and "Reply to" naming the photo's message
  await post(waWebhook([{ ...wa.listReply('wamid.E2E.LIST', 'wamid.E2E.IMG'), from, timestamp: now() }], from, name));
  const answer = page.locator('[data-testid="timeline-item"][data-kind="message.received"]').filter({ has: page.getByTestId('timeline-answer') });
  await expect(answer.getByTestId('timeline-answer')).toHaveText('Battery');
  await expect(answer.getByTestId('timeline-quote')).toContainText('my arm under the patch');
  await expect(answer.getByTestId('timeline-quote')).toHaveAttribute('data-quoted-id', imageId ?? 'missing');
  // and a location
  await post(waWebhook([{ ...wa.location('wamid.E2E.LOC'), from, timestamp: now() }], from, name));
  await expect(page.getByTestId('timeline-location-name')).toHaveText('Main clinic');
  await expect(page.getByTestId('timeline-location-coords')).toHaveText('(37.48331, -122.14898)');

  // a document is its file name; clicking it saves the file read from the attachment store
  const pdf = Buffer.from('%PDF-1.4 e2e lab report');
  graph.media.set('E2E-DOC-1', { bytes: pdf, mimeType: 'application/pdf' });
  await post(waWebhook([{ ...wa.document('wamid.E2E.DOC', 'E2E-DOC-1', sha256Hex(pdf), 'report.pdf'), from, timestamp: now() }], from, name));
  const link = page.getByTestId('timeline-file').filter({ hasText: 'report.pdf' });
  await expect(link).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('report.pdf');
  expect(readFileSync((await download.path())!).equals(pdf)).toBe(true);
});

test("issue 12: a WhatsApp harm report reaches the queue as P0 with its safety flag and the words that show it highlighted", async ({ page, stack }) => {
  const post = (body: unknown) => postWebhook(stack, body);
  await login(page, stack, LOGINS.agent);
  await waitUntilSynced(page);
  const from = `1631777${String(Date.now()).slice(-4)}`;
  const name = `Harriet Burn ${Date.now()}`;
  const text = "the ECG patch left a burn mark on my mother's chest";
  await post(waWebhook([{ ...wa.text('wamid.E2E.HARM', text, from), timestamp: String(Math.floor(Date.now() / 1000)) }], from, name));

  // the agent's queue shows it P0
  const row = page.locator('[data-testid="queue-row"]').filter({ hasText: name });
  await expect(row).toHaveAttribute('data-priority', 'P0', { timeout: 15_000 });
  await row.click();
  const message = page.locator('[data-testid="timeline-item"][data-kind="message.received"]').filter({ hasText: 'ECG patch' });
  await expect(message.getByTestId('timeline-safety')).toContainText('Burn / heat');
  await expect(message.getByTestId('safety-evidence').first()).toHaveText('burn');
  await expect(message.getByTestId('timeline-body')).toHaveText(text);
});
