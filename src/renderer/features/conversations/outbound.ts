import { useEffect, useState } from 'react';
import type { OutboundChannels } from '../../../shared/features/conversations/outbound';
import type { OmnideskBridge } from '../../../shared/contracts/bridge';

/**
 * Which channels the server can send on, from the cache (null until the server said so), read at most every 30 s
 * however many replies are on screen: a server restarted with email set up is picked up soon after.
 */
const FRESH_MS = 30_000;
let cached: { at: number; value: Promise<OutboundChannels | null> } | null = null;

export function useOutboundChannels(bridge: OmnideskBridge): OutboundChannels | null {
  const [value, setValue] = useState<OutboundChannels | null>(null);
  useEffect(() => {
    let live = true;
    if (!cached || Date.now() - cached.at > FRESH_MS) cached = { at: Date.now(), value: bridge.call('conversations.outbound', {}).catch(() => null) };
    void cached.value.then((v) => live && setValue(v));
    return () => {
      live = false;
    };
  }, [bridge]);
  return value;
}

/** A queued reply on a channel the server cannot send on: waiting for that channel to be set up. */
export function waitsForSetup(status: string, channel: string, outbound: OutboundChannels | null): boolean {
  if (status !== 'queued' || !outbound) return false;
  return (channel === 'email' || channel === 'social' || channel === 'chat') && outbound[channel] === false;
}
