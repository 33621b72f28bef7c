/**
 * The password policy (issue 9, finding 2), pure: at least 12 characters, at most 256, not the username, and not
 * in the list of common and breached passwords (the server ships it as resources/common-passwords.txt and passes
 * it in; compared lower-cased). Answers every problem, so a form can show them all; an empty list means accepted.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'equals_username' | 'common';

export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  too_short: `at least ${PASSWORD_MIN_LENGTH} characters`,
  too_long: `at most ${PASSWORD_MAX_LENGTH} characters`,
  equals_username: 'must not be the username',
  common: 'too common: it is on a list of breached passwords',
};

export function passwordProblems(password: string, context: { username: string; common: ReadonlySet<string> }): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length; // code points: a Chinese passphrase counts by character
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const lower = password.trim().toLowerCase();
  if (lower === context.username.trim().toLowerCase()) problems.push('equals_username');
  if (context.common.has(lower)) problems.push('common');
  return problems;
}

/** The list file's lines → the set (comments and blank lines skipped, lower-cased). */
export function parsePasswordList(text: string): Set<string> {
  const set = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const p = line.trim();
    if (p && !p.startsWith('#')) set.add(p.toLowerCase());
  }
  return set;
}
