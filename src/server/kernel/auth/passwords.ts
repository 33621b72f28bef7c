import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, t=3, p=4): the OWASP-recommended family. */
export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** False for a wrong password or an unreadable hash; never throws. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/**
 * A hash to verify against when the username is unknown, so "no such user" costs the same time as
 * "wrong password" and the two cannot be told apart.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('omnidesk-no-such-user-' + Math.random().toString(36));
  return dummy;
}
