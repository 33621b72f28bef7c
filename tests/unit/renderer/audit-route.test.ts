import { describe, expect, it } from 'vitest';
import { AUDIT_ROUTE, formatRoute, parseRoute } from '../../../src/renderer/kernel/app/route';

describe('the #/audit route', () => {
  it.each([
    ['#/audit', AUDIT_ROUTE],
    ['#/audit/', AUDIT_ROUTE],
    ['#/auditx', { name: 'queue' }],
  ])('%s', (hash, route) => expect(parseRoute(hash)).toEqual(route));
  it('round-trips', () => expect(parseRoute(formatRoute(AUDIT_ROUTE))).toEqual(AUDIT_ROUTE));
});
