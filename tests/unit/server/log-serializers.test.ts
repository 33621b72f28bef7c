import { describe, expect, it } from 'vitest';
import { requestForLog } from '../../../src/server/kernel/logger';

describe('requestForLog: method and path, never the query string', () => {
  const cases: Array<[string, Parameters<typeof requestForLog>[0], ReturnType<typeof requestForLog>]> = [
    ['search text', { method: 'GET', url: '/api/customers?q=Margaret%20Chen&limit=5' }, { method: 'GET', path: '/api/customers' }],
    ['a token', { method: 'POST', url: '/cti/events?token=abc' }, { method: 'POST', path: '/cti/events' }],
    ['a fragment', { method: 'GET', url: '/x#frag' }, { method: 'GET', path: '/x' }],
    ['a matched route logs its pattern', { method: 'DELETE', url: '/api/auth/lockouts/alice', routeOptions: { url: '/api/auth/lockouts/:username' } }, { method: 'DELETE', path: '/api/auth/lockouts/:username' }],
    ['no url', { method: 'GET' }, { method: 'GET', path: '' }],
  ];
  it.each(cases)('%s', (_name, req, want) => {
    expect(requestForLog(req)).toEqual(want);
  });
});
