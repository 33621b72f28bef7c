import { describe, expect, it } from 'vitest';
import { OmnideskError } from '../../../src/shared/kernel/errors';
import { formatRoute, parseRoute, sameRoute, type Route } from '../../../src/renderer/kernel/app/route';
import { errorCodeOf, errorKey, loginErrorKey } from '../../../src/renderer/kernel/state/errors';
import { createNavStore, type HashLocation } from '../../../src/renderer/kernel/state/nav-store';
import { CASE_A, CUSTOMER } from './fixtures';

describe('routes in the location hash', () => {
  it.each<[string, Route]>([
    ['', { name: 'queue' }],
    ['#/queue', { name: 'queue' }],
    ['#/nonsense', { name: 'queue' }],
    [`#/customer/${CUSTOMER}`, { name: 'customer', customerId: CUSTOMER, caseId: null }],
    [`#/customer/${CUSTOMER}/case/${CASE_A}`, { name: 'customer', customerId: CUSTOMER, caseId: CASE_A }],
    ['#/customer/<script>', { name: 'queue' }],
    ['#/escalation', { name: 'escalation' }],
    ['#/knowledge', { name: 'knowledge' }],
    ['#/macros', { name: 'macros' }],
    ['#/routing', { name: 'routing' }],
    ['#/console', { name: 'console' }],
    [`#/customer/${CUSTOMER}/case/${CASE_A}/read`, { name: 'customer', customerId: CUSTOMER, caseId: CASE_A, readOnly: true }],
    ['#/escalation/', { name: 'escalation' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each<Route>([
    { name: 'queue' },
    { name: 'escalation' },
    { name: 'console' },
    { name: 'customer', customerId: CUSTOMER, caseId: null },
    { name: 'customer', customerId: CUSTOMER, caseId: CASE_A },
    { name: 'customer', customerId: CUSTOMER, caseId: CASE_A, readOnly: true },
  ])('round-trips %j', (route) => {
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(sameRoute(parseRoute(formatRoute(route)), route)).toBe(true);
  });

  it('the nav store follows and drives the hash', () => {
    let hash = `#/customer/${CUSTOMER}`;
    let listener: (() => void) | null = null;
    const loc: HashLocation = {
      getHash: () => hash,
      setHash: (h) => {
        hash = h;
      },
      onHashChange: (l) => {
        listener = l;
        return () => (listener = null);
      },
    };
    const nav = createNavStore(loc);
    expect(nav.getState().route).toEqual({ name: 'customer', customerId: CUSTOMER, caseId: null });
    nav.getState().go({ name: 'queue' });
    expect(hash).toBe('#/queue');
    hash = `#/customer/${CUSTOMER}/case/${CASE_A}`; // back button
    (listener as (() => void) | null)?.();
    expect(nav.getState().route).toEqual({ name: 'customer', customerId: CUSTOMER, caseId: CASE_A });
  });
});

describe('errors', () => {
  it.each([
    [new OmnideskError('UNAUTHENTICATED', 'x'), 'UNAUTHENTICATED'],
    [{ code: 'UNAVAILABLE', message: 'down' }, 'UNAVAILABLE'], // lost its class crossing a boundary
    [{ code: 'SOMETHING_ELSE' }, 'INTERNAL'],
    [new Error('boom'), 'INTERNAL'],
    ['string', 'INTERNAL'],
    [null, 'INTERNAL'],
  ] as const)('code of %#', (err, code) => {
    expect(errorCodeOf(err)).toBe(code);
  });

  it.each([
    ['UNAUTHENTICATED', false, 'login.error.wrongCredentials'],
    ['UNAVAILABLE', false, 'login.error.unreachable'],
    ['INVALID_ARGUMENT', true, 'login.error.badServerUrl'],
    ['INVALID_ARGUMENT', false, 'login.error.generic'],
    ['INTERNAL', false, 'login.error.generic'],
    ['FORBIDDEN', true, 'login.error.generic'],
  ] as const)('login error for %s (server url typed: %s)', (code, withUrl, key) => {
    expect(loginErrorKey(code, withUrl)).toBe(key);
  });

  it('general error keys follow the code', () => {
    expect(errorKey('CONFLICT')).toBe('errors.CONFLICT');
  });
});
