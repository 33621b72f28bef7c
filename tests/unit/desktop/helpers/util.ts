import type { Logger } from '../../../../src/main/core/kernel/logger';

// waitFor moved to tests/support/wait-for.ts; tests/unit/desktop/sync*.test.ts (being edited elsewhere) still
// import it from here. Drop this line once they import the support module.
export { waitFor } from '../../../support/wait-for';

/** A logger that keeps every record, to assert on what was (and was not) logged. */
export function captureLogger(): Logger & { records: { level: string; obj: Record<string, unknown>; msg?: string }[]; text(): string } {
  const records: { level: string; obj: Record<string, unknown>; msg?: string }[] = [];
  const at = (level: string) => (obj: Record<string, unknown>, msg?: string) => void records.push({ level, obj, ...(msg !== undefined ? { msg } : {}) });
  return { records, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), text: () => JSON.stringify(records) };
}
