import { ESLint } from 'eslint';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The layering table of docs/architecture.md is enforced by eslint.config.js (rules in tools/eslint/layering.js)
// and by one TypeScript project per runtime. These cases prove each rule fires (and does not fire on allowed
// code), so a broken config cannot pass silently.
const eslint = new ESLint({ cwd: process.cwd() });

// loading the config (typescript-eslint, the plugin) is the slow part; do it once, before the 5 s test clock
beforeAll(async () => {
  await eslint.calculateConfigForFile('src/shared/x.ts');
}, 60_000);

type Rule = 'imports' | 'globals' | 'kernel' | 'feature-boundary';

/** The layering rules that fired on `code` as if it were `file`, as `rule: message`. */
async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId?.startsWith('layering/') || m.fatal)
    .map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

async function expectFires(rule: Rule, file: string, code: string): Promise<void> {
  const errors = await layeringErrors(file, code);
  expect(errors.filter((e) => e.startsWith(`layering/${rule}:`)), errors.join('\n')).not.toHaveLength(0);
}

describe('package and layer allow-lists (layering/imports)', () => {
  it.each([
    // node, DB drivers, UI, electron where they do not belong
    ['src/shared/x.ts', "import { readFileSync } from 'node:fs'; export const a = readFileSync;"],
    ['src/shared/x.ts', "import Database from 'better-sqlite3'; export const a = Database;"],
    ['src/shared/x.ts', "import { useState } from 'react'; export const a = useState;"],
    ['src/main/core/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['src/main/core/x.ts', "import { useState } from 'react'; export const a = useState;"],
    ['src/main/web-host/x.ts', "import { app } from 'electron'; export const a = app;"],
    ['src/main/electron/x.ts', "import { useState } from 'react'; export const a = useState;"],
    ['src/renderer/x.ts', "import { readFileSync } from 'node:fs'; export const a = readFileSync;"],
    ['src/renderer/x.ts', "import { readFileSync } from 'fs'; export const a = readFileSync;"],
    ['src/renderer/x.ts', "import { ipcRenderer } from 'electron'; export const a = ipcRenderer;"],
    ['src/server/x.ts', "import Database from 'better-sqlite3'; export const a = Database;"],
    // one package per layer that is simply not on its list
    ['src/shared/x.ts', "import pino from 'pino'; export const a = pino;"],
    ['src/main/core/x.ts', "import pino from 'pino'; export const a = pino;"],
    ['src/main/electron/x.ts', "import { WebSocketServer } from 'ws'; export const a = WebSocketServer;"],
    ['src/main/web-host/x.ts', "import Fastify from 'fastify'; export const a = Fastify;"],
    ['src/renderer/x.ts', "import { v7 } from 'uuid'; export const a = v7;"],
    ['src/server/x.ts', "import { io } from 'socket.io-client'; export const a = io;"],
    // every way of naming a module is checked: re-export, export *, dynamic import, import = require
    ['src/shared/x.ts', "export { default as pino } from 'pino';"],
    ['src/shared/x.ts', "export * from 'pino';"],
    ['src/renderer/x.ts', "export const load = () => import('node:fs');"],
    ['src/renderer/x.ts', "import fs = require('node:fs'); export const a = fs;"],
    // relative imports into a layer that is not on the list
    ['src/shared/kernel/x.ts', "import { DesktopCore } from '../../main/core/desktop-core'; export const a = DesktopCore;"],
    ['src/main/core/x.ts', "import { buildApp } from '../../server/app'; export const a = buildApp;"],
    ['src/main/core/x.ts', "import { App } from '../../renderer/App'; export const a = App;"],
    ['src/main/web-host/x.ts', "import { a as b } from '../electron/ipc'; export const a = b;"],
    ['src/main/electron/x.ts', "import { a as b } from '../web-host/server'; export const a = b;"],
    ['src/renderer/features/x/x.ts', "import { DesktopCore } from '../../../main/core/desktop-core'; export const a = DesktopCore;"],
    ['src/server/x.ts', "import { DesktopCore } from '../main/core/desktop-core'; export const a = DesktopCore;"],
    ['src/server/x.ts', "import { x } from '../../tests/support/x'; export const a = x;"],
  ])('%s may not: %s', async (file, code) => {
    await expectFires('imports', file, code);
  });

  it.each([
    ['src/shared/x.ts', "import { z } from 'zod'; import { v7 } from 'uuid'; export const a = [z, v7];"],
    ['src/main/core/x.ts', "import Database from 'better-sqlite3-multiple-ciphers'; import { io } from 'socket.io-client'; import { Event } from '../../shared/kernel/event'; export const a = [Database, io, Event];"],
    ['src/main/electron/x.ts', "import { app } from 'electron'; import { DesktopCore } from '../core/desktop-core'; export const a = [app, DesktopCore];"],
    ['src/main/web-host/x.ts', "import { WebSocketServer } from 'ws'; import { createServer } from 'node:http'; import { DesktopCore } from '../core/desktop-core'; export const a = [WebSocketServer, createServer, DesktopCore];"],
    ['src/renderer/x.ts', "import { useState } from 'react'; import { createRoot } from 'react-dom/client'; import { useReactTable } from '@tanstack/react-table'; import { Event } from '../shared/kernel/event'; export const a = [useState, createRoot, useReactTable, Event];"],
    ['src/server/x.ts', "import pg from 'pg'; import SMTPTransport from 'nodemailer/lib/smtp-transport'; import { Event } from '../shared/kernel/event'; export const a = [pg, SMTPTransport, Event];"],
  ])('%s may: %s', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});

describe('globals allow-lists (layering/globals)', () => {
  it.each([
    ['src/shared/x.ts', 'export const a = process.env.X;'],
    ['src/shared/x.ts', 'export const a = window.location;'],
    ['src/shared/x.ts', "export const a = Buffer.from('x');"],
    ['src/shared/x.ts', "export const a = () => console.log('x');"],
    ['src/main/core/x.ts', 'export const a = window.location;'],
    ['src/main/core/x.ts', 'export const a = document.title;'],
    ['src/main/electron/x.ts', 'export const a = document.title;'],
    ['src/main/web-host/x.ts', 'export const a = window.location;'],
    ['src/renderer/x.ts', 'export const a = process.env.NODE_ENV;'],
    ['src/renderer/x.ts', "export const a = Buffer.from('x');"],
    ['src/renderer/x.ts', "export const a = require('x');"],
    ['src/server/x.ts', 'export const a = document.title;'],
  ])('%s may not: %s', async (file, code) => {
    await expectFires('globals', file, code);
  });

  it.each([
    ['src/shared/x.ts', "export const a = [new Map(), JSON.stringify({}), Date.now(), Promise.resolve(), new Error('x')];"],
    // a type-only mention is left to tsc (tsconfig.json has no DOM, tsconfig.renderer.json no Node types)
    ['src/shared/x.ts', 'export type T = { t: NodeJS.Timeout };'],
    ['src/main/core/x.ts', 'export const a = [process.pid, Buffer.alloc(1), setImmediate, new URL("http://x")];'],
    ['src/renderer/x.ts', 'export const a = [window.location, document.title, localStorage, requestAnimationFrame];'],
    ['src/server/x.ts', 'export const a = [process.env.X, console];'],
  ])('%s may: %s', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});

describe('kernel rule (layering/kernel)', () => {
  it.each([
    ['src/server/kernel/events/x.ts', "import { merge } from '../../features/identity/merge'; export const a = merge;"],
    ['src/server/kernel/events/x.ts', "import { enqueue } from '../../channels/delivery/queue'; export const a = enqueue;"],
    ['src/server/kernel/x.ts', "import * as channels from '../channels'; export const a = channels;"],
    ['src/main/core/kernel/x.ts', "import { plan } from '../features/identity/merge-plan'; export const a = plan;"],
    ['src/main/core/kernel/x.ts', "import { due } from '../../../shared/features/sla/due'; export const a = due;"],
    ['src/shared/kernel/x.ts', "import { detect } from '../features/safety/detect'; export const a = detect;"],
    ['src/renderer/kernel/shell/x.ts', "import { QueueView } from '../../features/cases/QueueView'; export const a = QueueView;"],
    // through the feature's index is still a feature
    ['src/renderer/kernel/shell/x.ts', "import { CaseControls } from '../../features/cases'; export const a = CaseControls;"],
  ])('%s may not: %s', async (file, code) => {
    await expectFires('kernel', file, code);
  });

  it.each([
    ['src/server/kernel/x.ts', "import { Event } from '../../shared/kernel/event'; import { pool } from './db/pg'; export const a = [Event, pool];"],
    // composition roots are not kernel: they wire features and channels together
    ['src/server/app.ts', "import { merge } from './features/identity/merge'; import { x } from './channels/inbound'; export const a = [merge, x];"],
    ['src/server/seed/x.ts', "import { merge } from '../features/identity/merge'; export const a = merge;"],
    ['src/main/core/desktop-core.ts', "import { live } from './features/conversations/live'; export const a = live;"],
    ['src/shared/contracts/x.ts', "import { detect } from '../features/safety/detect'; export const a = detect;"],
    ['src/renderer/App.tsx', "import { QueueView } from './features/cases/QueueView'; export const a = QueueView;"],
  ])('%s may: %s', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });

  it('every known kernel violation exists and still violates (remove the entry once it is fixed)', async () => {
    const strict = new ESLint({
      cwd: process.cwd(),
      overrideConfig: { files: ['src/**/kernel/**'], rules: { 'layering/kernel': 'error' } },
    });
    // eslint.config.js is plain JS outside the TypeScript programs: read its export at run time
    const config = (await import(pathToFileURL(join(process.cwd(), 'eslint.config.js')).href)) as { KNOWN_KERNEL_VIOLATIONS: string[] };
    for (const file of config.KNOWN_KERNEL_VIOLATIONS) {
      const [result] = await strict.lintFiles([file]);
      const kernelErrors = (result?.messages ?? []).filter((m) => m.ruleId === 'layering/kernel');
      expect(kernelErrors, `${file} no longer imports a feature or channel: delete it from KNOWN_KERNEL_VIOLATIONS`).not.toHaveLength(0);
    }
  }, 60_000);
});

describe('feature boundary (layering/feature-boundary)', () => {
  it.each([
    ['src/renderer/features/cases/x.ts', "import { FirstResponseDue } from '../sla/SlaDue'; export const a = FirstResponseDue;"],
    ['src/server/features/identity/x.ts', "import { due } from '../../../shared/features/sla/due'; export const a = due;"],
    ['src/main/core/features/conversations/x.ts', "import { plan } from '../identity/merge-plan'; export const a = plan;"],
  ])('%s may not: %s', async (file, code) => {
    await expectFires('feature-boundary', file, code);
  });

  it.each([
    // another feature through its index
    ['src/renderer/features/cases/x.ts', "import { FirstResponseDue } from '../sla'; export const a = FirstResponseDue;"],
    ['src/renderer/features/cases/x.ts', "import { FirstResponseDue } from '../sla/index'; export const a = FirstResponseDue;"],
    // its own files, and the same feature in another layer
    ['src/renderer/features/cases/x.ts', "import { filterQueue } from './queue-filters'; export const a = filterQueue;"],
    ['src/server/features/identity/x.ts', "import { project } from '../../../shared/features/identity/merge-projection'; export const a = project;"],
  ])('%s may: %s', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});

describe('one TypeScript program per runtime', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omnidesk-tsconfig-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Type errors per file when `files` are compiled together with the options of `project` (its lib and types,
   * not its file list). One program per project: loading the libs is what costs time.
   */
  function typeErrors(project: string, files: Record<string, string>): Record<string, string> {
    const parsed = ts.getParsedCommandLineOfConfigFile(join(process.cwd(), project), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    });
    if (!parsed) throw new Error(`cannot read ${project}`);
    const paths = Object.keys(files).map((name) => join(dir, `${project.replace(/\W/g, '-')}-${name}.ts`));
    Object.values(files).forEach((code, i) => writeFileSync(paths[i]!, code));
    const program = ts.createProgram(paths, parsed.options);
    return Object.fromEntries(
      Object.keys(files).map((name, i) => [
        name,
        program
          .getSemanticDiagnostics(program.getSourceFile(paths[i]!))
          .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
          .join('\n'),
      ]),
    );
  }

  it('the renderer project has the DOM but not Node: process does not compile', () => {
    const errors = typeErrors('tsconfig.renderer.json', { dom: 'export const a = document.title;', node: 'export const a = process.env.X;' });
    expect(errors.dom).toBe('');
    expect(errors.node).toMatch(/Cannot find name 'process'/);
  }, 60_000);

  it('the Node project has Node but not the DOM: document does not compile', () => {
    const errors = typeErrors('tsconfig.json', { node: 'export const a = process.env.X;', dom: 'export const a = document.title;' });
    expect(errors.node).toBe('');
    expect(errors.dom).toMatch(/Cannot find name 'document'/);
  }, 60_000);
});

describe('one <select> in the renderer (ChoiceSelect)', () => {
  const selectRule = async (file: string): Promise<string[]> => {
    const code = 'export const A = () => <select value="a" onChange={() => undefined}><option value="a">a</option></select>;';
    const [result] = await eslint.lintText(code, { filePath: file });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax' || m.fatal).map((m) => m.message);
  };

  it('a raw <select> in a feature view is an error', async () => {
    expect(await selectRule('src/renderer/features/cases/X.tsx')).toEqual([expect.stringMatching(/ChoiceSelect/)]);
  });

  it('ChoiceSelect itself may render one', async () => {
    expect(await selectRule('src/renderer/kernel/components/ChoiceSelect.tsx')).toEqual([]);
  });
});
