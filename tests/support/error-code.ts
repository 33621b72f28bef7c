import { OmnideskError } from '../../src/shared';

/** The OmnideskError code a call fails with, or 'OK' when it succeeds; any other error is rethrown. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (e instanceof OmnideskError) return e.code;
    throw e;
  }
}
