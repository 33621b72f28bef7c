import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering table of DESIGN.md is enforced by eslint.config.js. These cases prove each rule fires
// (and does not fire on allowed imports), so a broken config cannot pass silently.
const eslint = new ESLint({ cwd: process.cwd() });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering rules (DESIGN.md)', () => {
  it.each([
    ['src/shared/x.ts', "import { readFileSync } from 'node:fs'; export const a = readFileSync;"],
    ['src/shared/x.ts', "import Database from 'better-sqlite3'; export const a = Database;"],
    ['src/shared/x.ts', "import { useState } from 'react'; export const a = useState;"],
    ['src/main/core/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['src/main/core/x.ts', "import { useState } from 'react'; export const a = useState;"],
    ['src/main/web-host/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['src/main/electron/x.ts', "import { useState } from 'react'; export const a = useState;"],
    ['src/renderer/x.ts', "import { readFileSync } from 'node:fs'; export const a = readFileSync;"],
    ['src/renderer/x.ts', "import { ipcRenderer } from 'electron'; export const a = ipcRenderer;"],
    ['src/renderer/features/x/x.ts', "import { DesktopCore } from '../../main/core/desktop-core'; export const a = DesktopCore;"],
    ['src/server/x.ts', "import { DesktopCore } from '../main/core/desktop-core'; export const a = DesktopCore;"],
    ['src/server/x.ts', "import Database from 'better-sqlite3'; export const a = Database;"],
  ])('%s may not: %s', async (file, code) => {
    expect(await layeringErrors(file, code)).not.toHaveLength(0);
  });

  it.each([
    ['src/shared/x.ts', "import { z } from 'zod'; export const a = z;"],
    ['src/main/core/x.ts', "import Database from 'better-sqlite3'; import { Event } from '../../shared/kernel/event'; export const a = [Database, Event];"],
    ['src/main/electron/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['src/renderer/x.ts', "import { useState } from 'react'; import { Event } from '../shared/kernel/event'; export const a = [useState, Event];"],
    ['src/server/x.ts', "import pg from 'pg'; import { Event } from '../shared/kernel/event'; export const a = [pg, Event];"],
  ])('%s may: %s', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});
