/** The PHI log scanner (scripts/scan-logs.ts) catches a planted leak, names only the kind, and passes a clean log. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeMatcher, scanDir, scanText } from '../../../scripts/scan-logs';
import { phiSentinels } from '../../support/phi-sentinels';
import { cleanupAfterEach } from '../../support/cleanups';
import { scopedTempDir, writePrivateFile } from '../../support/temp-dir';

const defer = cleanupAfterEach();

describe('PHI log scanner', () => {
  const sentinels = phiSentinels();

  it('the sentinels include the demo world (names, emails, phones, bodies) and the tests\' tokens, but no login password', () => {
    const kinds = new Set(sentinels.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['body', 'email', 'name', 'phone', 'search', 'token']);
    const values = sentinels.map((s) => s.value);
    expect(values).toContain('Margaret Chen');
    expect(values).toContain('+14155550142');
    expect(values).toContain('e2e-cti-token-0123456789');
    expect(values.filter((v) => /omnidesk-(agent|lead|admin|specialist)/.test(v))).toEqual([]);
    expect(sentinels.filter((s) => s.kind === 'email').length).toBeGreaterThan(50);
    expect(sentinels.filter((s) => s.kind === 'body').length).toBeGreaterThan(50);
  });

  const planted: Array<{ what: string; line: string; kind: string }> = [
    { what: 'a customer name in a JSON log line', line: '{"level":30,"msg":"customer search","q":"Margaret Chen"}', kind: 'name' },
    { what: 'an email, upper-cased', line: '{"msg":"mail from MARGARET.CHEN@EXAMPLE.COM"}', kind: 'email' },
    { what: 'a phone number in a URL', line: 'GET /api/customers?q=%2B14155550142 +14155550142', kind: 'phone' },
    { what: 'a name URL-encoded in a logged query string', line: '{"req":{"url":"/api/customers?q=Margaret%20Chen"}}', kind: 'name' },
    { what: 'an email URL-encoded in a logged query string', line: '{"req":{"url":"/api/customers?q=margaret.chen%40example.com"}}', kind: 'email' },
    { what: 'a phone URL-encoded in a logged query string', line: '{"req":{"url":"/api/customers?q=%2B14155550142"}}', kind: 'phone' },
    { what: 'a name form-encoded (+ for space)', line: '{"req":{"url":"/api/customers?q=Margaret+Chen"}}', kind: 'name' },
    { what: 'a token in a query string', line: '{"req":{"url":"/cti/events?token=e2e-cti-token-0123456789"}}', kind: 'token' },
    { what: 'a message body', line: `{"msg":"reply","body":"${sentinels.find((s) => s.kind === 'body')!.value}"}`, kind: 'body' },
  ];
  it.each(planted)('catches $what', ({ line, kind }) => {
    const hits = scanText('x.log', `{"level":30,"msg":"listening"}\n${line}\n`, makeMatcher(sentinels));
    expect(hits).toContainEqual({ file: 'x.log', line: 2, kind });
  });

  it('scans a folder: a planted leak fails with file:line and kind, a clean log passes', () => {
    const dir = scopedTempDir(defer);
    writePrivateFile(join(dir, 'clean.log'), '{"level":30,"agentId":"0193","msg":"sync:push","applied":3}\nOmnidesk server listening on http://127.0.0.1:4010\n  alice      omnidesk-agent       agent\n');
    expect(scanDir(dir, sentinels)).toEqual({ hits: [], files: 1 });
    writePrivateFile(join(dir, 'leak.log'), '{"level":30}\n{"level":30}\n{"msg":"opened","name":"Margaret Chen"}\n');
    expect(scanDir(dir, sentinels).hits).toEqual([{ file: join(dir, 'leak.log'), line: 3, kind: 'name' }]);
  });
});
