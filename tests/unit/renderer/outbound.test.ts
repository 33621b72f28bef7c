import { describe, expect, it } from 'vitest';
import { waitsForSetup } from '../../../src/renderer/features/conversations/outbound';

describe('a queued reply on a channel the server cannot send on says so (issue 15)', () => {
  const noEmail = { email: false, social: true, chat: true };
  it.each([
    ['queued', 'email', noEmail, true],
    ['sent', 'email', noEmail, false],
    ['failed', 'email', noEmail, false],
    ['queued', 'social', noEmail, false],
    ['queued', 'email', null, false],
    ['queued', 'phone', noEmail, false],
  ] as const)('%s on %s', (status, channel, outbound, want) => expect(waitsForSetup(status, channel, outbound)).toBe(want));
});
