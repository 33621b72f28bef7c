import { sign } from '../../src/server/channels/social/parse';
import type { Stack } from '../support/stack';
import { expect } from './fixtures';

/** The app secret the e2e stacks' servers verify Meta's webhook signatures with. */
export const SOCIAL_SECRET = 'e2e-social-app-secret-0123456789';
/** Server settings for the social channel (add the Graph API's URL and token where media is fetched). */
export const SOCIAL_SERVER_ENV = { OMNIDESK_SOCIAL_APP_SECRET: SOCIAL_SECRET, OMNIDESK_SOCIAL_VERIFY_TOKEN: 'v' };

/** A webhook POST signed as Meta signs it; the server must take it. */
export async function postWebhook(stack: Stack, body: unknown): Promise<void> {
  const raw = JSON.stringify(body);
  const res = await fetch(`${stack.serverUrl}/webhooks/social`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw, SOCIAL_SECRET) }, body: raw });
  expect(res.status).toBe(200);
}
