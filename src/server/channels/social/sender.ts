import { PermanentDeliveryError, type ChannelSender, type OutboundMessage } from '../types';

export interface SocialSenderConfig {
  /** Graph API base URL, e.g. https://graph.facebook.com/v21.0 (tests: a local fake) */
  apiBaseUrl: string;
  accessToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Outbound social replies over the Graph API: WhatsApp `POST {base}/{phone-number-id}/messages`,
 * Messenger `POST {base}/me/messages`. The recipient comes from the thread's reference
 * (`wa:<phone-number-id>:<wa_id>`, `fb:<page-id>:<psid>`). 4xx (but 408/429) is permanent; the rest retries.
 */
export function createSocialSender(config: SocialSenderConfig): ChannelSender {
  const doFetch = config.fetch ?? fetch;
  const base = config.apiBaseUrl.replace(/\/+$/, '');
  return {
    channel: 'social',
    async send(message: OutboundMessage) {
      const ref = message.thread.externalRef ?? '';
      const wa = /^wa:([^:]+):(\d+)$/.exec(ref);
      const fb = /^fb:([^:]+):(.+)$/.exec(ref);
      let url: string;
      let payload: unknown;
      if (wa) {
        url = `${base}/${encodeURIComponent(wa[1] as string)}/messages`;
        payload = { messaging_product: 'whatsapp', recipient_type: 'individual', to: wa[2], type: 'text', text: { preview_url: false, body: message.body } };
      } else if (fb) {
        url = `${base}/me/messages`;
        payload = { recipient: { id: fb[2] }, messaging_type: 'RESPONSE', message: { text: message.body } };
      } else {
        throw new PermanentDeliveryError('thread has no social recipient reference');
      }
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${config.accessToken}` },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(config.timeoutMs ?? 15_000),
      });
      if (!res.ok) {
        const code = res.status;
        await res.body?.cancel().catch(() => undefined);
        if (code >= 400 && code < 500 && code !== 408 && code !== 429) throw new PermanentDeliveryError(`social API refused the message (HTTP ${code})`);
        const err = new Error(`social API HTTP ${code}`);
        err.name = 'SocialApiError';
        throw err;
      }
      const json = (await res.json().catch(() => null)) as { messages?: Array<{ id?: unknown }>; message_id?: unknown } | null;
      const id = json?.messages?.[0]?.id ?? json?.message_id;
      return { providerMessageId: typeof id === 'string' ? id.slice(0, 500) : null };
    },
  };
}
