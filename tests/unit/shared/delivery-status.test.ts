import { describe, expect, it } from 'vitest';
import { advancesDelivery, foldDelivery } from '../../../src/shared/kernel/delivery-status';
import type { DeliveryStatus } from '../../../src/shared/kernel/event';

describe('delivery statuses only move forward (issue 10)', () => {
  it.each<[DeliveryStatus | null, DeliveryStatus, boolean]>([
    [null, 'read', true],
    ['queued', 'sent', true],
    ['sent', 'delivered', true],
    ['delivered', 'read', true],
    ['queued', 'read', true], // a skipped step is still forward
    ['read', 'delivered', false],
    ['read', 'sent', false],
    ['delivered', 'sent', false],
    ['sent', 'sent', false], // a repeat is no news
    ['sent', 'queued', false],
    ['queued', 'failed', true],
    ['sent', 'failed', true], // a bounce after the mail server took it
    ['delivered', 'failed', false], // delivered cannot un-happen
    ['read', 'failed', false],
    ['failed', 'failed', false],
    ['failed', 'sent', true], // a retry succeeded
    ['failed', 'delivered', true],
    ['failed', 'queued', false],
  ])('%s → %s: %s', (from, to, moves) => {
    expect(advancesDelivery(from, to)).toBe(moves);
  });

  it.each<[DeliveryStatus[], DeliveryStatus | null]>([
    [[], null],
    [['sent', 'read', 'delivered'], 'read'],
    [['sent', 'failed', 'sent', 'delivered'], 'delivered'],
    [['sent', 'delivered', 'failed'], 'delivered'],
    [['queued', 'failed'], 'failed'],
  ])('fold %j → %s', (statuses, end) => {
    expect(foldDelivery(statuses)).toBe(end);
  });
});
