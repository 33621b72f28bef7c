import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { Db } from '../kernel/db/types';
import { phoneSettings } from '../features/identity';
import { attachChat, chatGuardConfigFromEnv, LIVE_EVENTS, type ChatGuardConfig } from './chat';
import type { IngestDeps } from './ingest';
import { registerCti } from './phone';
import { createSocialSender, registerSocialWebhook } from './social';
import type { ChannelSender } from './types';
import type { JobDefinition } from '../kernel/jobs';
import { DEFAULT_MEDIA_MAX_BYTES, mediaDownloadJob } from './media/download';

/** Configuration of the inbound channels (chat, social, phone); `channelsConfigFromEnv` reads it from the environment. */
export interface ChannelsConfig {
  /** OMNIDESK_CTI_TOKEN: protects POST /cti/events (unset → that endpoint answers 503) */
  ctiToken: string | null;
  /** OMNIDESK_SOCIAL_APP_SECRET: X-Hub-Signature-256 key (unset → every POST is refused 401) */
  socialAppSecret: string;
  /** OMNIDESK_SOCIAL_VERIFY_TOKEN: GET verification handshake */
  socialVerifyToken: string;
  /** OMNIDESK_SOCIAL_API_URL (default https://graph.facebook.com/v21.0) and OMNIDESK_SOCIAL_ACCESS_TOKEN: outbound; no token → no social sender */
  socialApiUrl: string;
  socialAccessToken: string | null;
  /** OMNIDESK_CHATWOOT_TOKEN: enables POST /webhooks/chatwoot */
  chatwootToken: string | null;
  /** OMNIDESK_PHONE_REGION: region (ISO 3166, e.g. CN) of numbers written without a country code (default US); an unknown one stops the start */
  phoneRegion: string;
  /** OMNIDESK_DESK_NUMBERS: the desk's own numbers (hotlines, DIDs, WhatsApp business number), comma-separated; never a customer's */
  deskNumbers: string[];
  /** OMNIDESK_DEFAULT_TEAM: team (name or id) of brand-new customers; default the first team by name */
  defaultTeam: string | null;
  /** OMNIDESK_MEDIA_MAX_MB: largest media file downloaded from WhatsApp / Messenger (default 25) */
  mediaMaxBytes: number;
  /** OMNIDESK_CHAT_*: the anonymous chat's flood guard (chat/guard.ts) */
  chatGuard: Partial<ChatGuardConfig>;
}

export function channelsConfigFromEnv(env: Record<string, string | undefined> = process.env): ChannelsConfig {
  const v = (k: string) => env[k]?.trim() || null;
  return {
    ctiToken: v('OMNIDESK_CTI_TOKEN'),
    socialAppSecret: v('OMNIDESK_SOCIAL_APP_SECRET') ?? '',
    socialVerifyToken: v('OMNIDESK_SOCIAL_VERIFY_TOKEN') ?? '',
    socialApiUrl: v('OMNIDESK_SOCIAL_API_URL') ?? 'https://graph.facebook.com/v21.0',
    socialAccessToken: v('OMNIDESK_SOCIAL_ACCESS_TOKEN'),
    chatwootToken: v('OMNIDESK_CHATWOOT_TOKEN'),
    phoneRegion: v('OMNIDESK_PHONE_REGION') ?? 'US',
    deskNumbers: (v('OMNIDESK_DESK_NUMBERS') ?? '').split(',').map((n) => n.trim()).filter(Boolean),
    defaultTeam: v('OMNIDESK_DEFAULT_TEAM'),
    mediaMaxBytes: Number(v('OMNIDESK_MEDIA_MAX_MB')) > 0 ? Math.round(Number(v('OMNIDESK_MEDIA_MAX_MB')) * 1024 * 1024) : DEFAULT_MEDIA_MAX_BYTES,
    chatGuard: chatGuardConfigFromEnv(env),
  };
}

/**
 * Wires the inbound channels into the server: social webhooks, the CTI endpoint with live call pops,
 * the chat widget + /chat namespace. Returns the outbound senders (chat always; social when configured)
 * for the delivery worker, and the channels' jobs (media downloads) for the server's jobs runner.
 */
export function registerInboundChannels(
  app: FastifyInstance,
  io: Server,
  options: { db: Db; logger: Logger; poke: (teamSeqs: ReadonlyMap<string, number>) => void; secret: string; config?: Partial<ChannelsConfig> },
): { senders: ChannelSender[]; jobs: JobDefinition<never>[] } {
  const config = { ...channelsConfigFromEnv(), ...options.config };
  const logger = options.logger.child({ component: 'channels' });
  const deps: IngestDeps = { db: options.db, poke: options.poke, logger, phone: phoneSettings(config.phoneRegion, config.deskNumbers), defaultTeamId: config.defaultTeam };
  registerSocialWebhook(app, deps, { appSecret: config.socialAppSecret, verifyToken: config.socialVerifyToken, chatwootToken: config.chatwootToken });
  registerCti(app, deps, {
    token: config.ctiToken,
    async popToAgent(agentId, call) {
      for (const s of await io.of('/').fetchSockets()) {
        if ((s.data as { agentId?: string } | undefined)?.agentId === agentId) s.emit(LIVE_EVENTS.call, call);
      }
    },
  });
  const chat = attachChat(app, io, deps, { secret: options.secret, guard: config.chatGuard });
  app.addHook('onClose', async () => chat.guard.close());
  const senders: ChannelSender[] = [chat.sender];
  if (config.socialAccessToken) senders.push(createSocialSender({ apiBaseUrl: config.socialApiUrl, accessToken: config.socialAccessToken }));
  const media = mediaDownloadJob({
    db: options.db,
    poke: options.poke,
    logger: options.logger.child({ component: 'media' }),
    apiBaseUrl: config.socialApiUrl,
    accessToken: config.socialAccessToken,
    maxBytes: config.mediaMaxBytes,
  });
  return { senders, jobs: [media as unknown as JobDefinition<never>] };
}
