import { describe, expect, it } from 'vitest';
import { jobErrorCode, PermanentJobError, retryDelayMs } from '../../../src/server/kernel/jobs';

describe('retryDelayMs', () => {
  it('doubles per attempt up to the cap, with half of it jittered', () => {
    const b = { baseMs: 1000, maxMs: 5000 };
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, b, () => 0))).toEqual([500, 1000, 2000, 2500, 2500]);
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, b, () => 1))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(retryDelayMs(2, b, () => 0.5)).toBe(1500);
  });
  it('defaults to 2 s doubling up to 10 min', () => {
    expect(retryDelayMs(1, {}, () => 1)).toBe(2000);
    expect(retryDelayMs(30, {}, () => 1)).toBe(600_000);
  });
});

describe('jobErrorCode', () => {
  it('keeps class and code, never the message', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED for jane@example.com'), { code: 'ECONNREFUSED' });
    expect(jobErrorCode(err)).toBe('Error ECONNREFUSED');
    expect(jobErrorCode(new PermanentJobError('NO_RECIPIENT'))).toBe('PermanentJobError NO_RECIPIENT');
    expect(jobErrorCode(new TypeError('jane@example.com is not a function'))).toBe('TypeError');
  });
  it('drops a code or name that could carry data', () => {
    expect(jobErrorCode(Object.assign(new Error('x'), { code: 'jane doe <jane@example.com>' }))).toBe('Error');
    expect(jobErrorCode({ name: 'Jane Doe', code: 42 })).toBe('Error');
    expect(jobErrorCode('a string')).toBe('Error');
    expect(jobErrorCode(null)).toBe('Error');
  });
});
