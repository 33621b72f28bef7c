import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePasswordList, passwordProblems, type PasswordProblem } from '../../../src/shared/features/accounts';

const common = parsePasswordList(readFileSync(new URL('../../../resources/common-passwords.txt', import.meta.url), 'utf8'));

describe('password policy', () => {
  it('ships a list of a few hundred common passwords, the demo ones included', () => {
    expect(common.size).toBeGreaterThan(300);
    for (const p of ['123456', 'password', 'omnidesk-agent', 'omnidesk-admin', 'password1234']) expect(common.has(p)).toBe(true);
    expect([...common].some((p) => p.startsWith('#'))).toBe(false);
  });

  const cases: Array<[password: string, username: string, problems: PasswordProblem[]]> = [
    ['short', 'alice', ['too_short']],
    ['elevenchars', 'alice', ['too_short']],
    ['twelve-chars', 'alice', []],
    ['password1234', 'alice', ['common']],
    ['PassWord1234', 'alice', ['common']],
    ['omnidesk-agent', 'alice', ['common']],
    ['alice.turner.x', 'alice.turner.x', ['equals_username']],
    ['Alice.Turner.X', 'alice.turner.x', ['equals_username']],
    ['123456', 'bob', ['too_short', 'common']],
    ['血糖仪很好用的密码短语啊', 'mei', []],
    ['血糖仪密码', 'mei', ['too_short']],
    ['x'.repeat(257), 'bob', ['too_long']],
    ['correct horse battery staple', 'bob', []],
  ];
  it.each(cases)('%j for %s → %j', (password, username, want) => {
    expect(passwordProblems(password, { username, common })).toEqual(want);
  });
});
