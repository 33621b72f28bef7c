import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Anonymous chat sessions: the widget keeps `<sessionId>.<hmac>` in localStorage; a reconnecting
 * customer presents it and keeps their session (and conversation). The HMAC stops guessing others'.
 */
export function issueSession(secret: string): { sessionId: string; token: string } {
  const sessionId = randomUUID();
  return { sessionId, token: `${sessionId}.${mac(secret, sessionId)}` };
}

export function verifySession(secret: string, token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m?.[1] || !m[2]) return null;
  const a = Buffer.from(m[2]);
  const b = Buffer.from(mac(secret, m[1]));
  return a.length === b.length && timingSafeEqual(a, b) ? m[1] : null;
}

function mac(secret: string, id: string): string {
  return createHmac('sha256', `chat-session:${secret}`).update(id).digest('base64url');
}

/**
 * Chat text as stored: control characters (but newline and tab) removed, trimmed, at most 5,000
 * characters. Markup is NOT stripped or escaped here: it is text, stored as typed and always rendered
 * as text (textContent in the widget, React text in the desktop), so `<script>` can never run.
 */
export const MAX_CHAT_CHARS = 5000;
export function cleanChatText(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const s = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (!s) return null;
  return s.slice(0, MAX_CHAT_CHARS);
}
