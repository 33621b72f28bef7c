// Lint is where the layering table of docs/architecture.md is enforced: an import or global that breaks it
// fails `npm test`. Each layer gets ALLOW-lists (packages, layer folders, globals); anything not listed is an
// error, so a new dependency of a layer is a deliberate edit here. The rules live in tools/eslint/layering.js
// and every one is proven to fire by tests/unit/tooling/layering.test.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import layering from './tools/eslint/layering.js';

/** ECMAScript's own globals (lib ES2023, as in tsconfig.base.json): every layer may use these. */
const es = Object.keys(globals.es2023);
/** Node's globals (process, Buffer, setImmediate, fetch, URL, ...) but no window/document. */
const nodeGlobals = [...es, ...Object.keys(globals.node)];
/** The browser's globals (window, document, localStorage, ...) but no process/require/Buffer. */
const browserGlobals = [...es, ...Object.keys(globals.browser)];

/**
 * Per layer: the packages it may import (a listed package admits its subpaths; `node:*` = Node built-ins,
 * `@scope/*` = a whole scope), the layer folders it may import relatively, and the globals it may use.
 * Why each package is there is said next to it; src/shared/* is always allowed (it is pure).
 */
const LAYERS = {
  'src/shared': {
    // pure code shared by every runtime: schemas (zod), ids (uuid), time zones and daylight saving for the
    // SLA calendars (luxon: pure JS, on Intl), Traditional → Simplified Chinese for the harm detector (opencc-js's
    // t2cn tables: pure JS, no network), escalation rule and script files with line numbers (yaml), SHA-256 for the
    // script answers' hash chain inside a shared decision (@noble/hashes: audited, pure JS, synchronous); ES globals
    // only (not even console)
    packages: ['zod', 'uuid', 'luxon', 'opencc-js', 'yaml', '@noble/hashes'],
    layers: ['src/shared'],
    globals: es,
  },
  'src/main/core': {
    packages: [
      'node:*', // the cache files, the cache key, crypto for sealing
      'better-sqlite3-multiple-ciphers', // the encrypted desktop cache
      'socket.io-client', // sync with the server
      'argon2', // offline sign-in verifier
      'zod', // bridge payload validation
      'marked', // knowledge articles: Markdown (CommonMark + GFM tables) to HTML and to plain text
      'sanitize-html', // knowledge articles: the HTML marked made, allow-listed before the renderer shows it
    ],
    layers: ['src/main/core', 'src/shared'],
    globals: nodeGlobals,
  },
  'src/main/electron': {
    packages: ['electron', 'node:*'], // the Electron shell: app/window/ipc, paths of the bundle
    layers: ['src/main/electron', 'src/main/core', 'src/shared'],
    globals: nodeGlobals,
  },
  'src/main/web-host': {
    packages: [
      'node:*', // http server, static files
      'ws', // the bridge over WebSocket
      'pino', // its log
    ],
    layers: ['src/main/web-host', 'src/main/core', 'src/shared'],
    globals: nodeGlobals,
  },
  'src/renderer': {
    packages: ['react', 'react-dom', 'zustand', '@tanstack/*', 'i18next', 'react-i18next', 'uplot'],
    layers: ['src/renderer', 'src/shared'], // main is reached only through window.omnidesk
    globals: browserGlobals,
  },
  'src/server': {
    packages: [
      'node:*',
      'fastify', // HTTP API
      'socket.io', // sync and chat sockets
      '@socket.io/postgres-adapter', // several instances: socket.io rooms across them over PostgreSQL LISTEN/NOTIFY
      'pg', // PostgreSQL
      '@electric-sql/pglite', // embedded PostgreSQL (dev, tests)
      'pino', // log
      'argon2', // password hashes
      'jose', // tokens
      'zod', // request validation
      'libphonenumber-js', // phone normalisation (identity, phone, social)
      'nodemailer', // email out (SMTP)
      'smtp-server', // email in (SMTP)
      'imapflow', // email in (IMAP)
      'mailparser', // email parsing
      'html-to-text', // email plain-text part
      'sanitize-html', // email HTML sanitising
      'rate-limiter-flexible', // in-memory limiters: chat flood guard, per-address sign-in limits
      'piscina', // worker-thread pool: MIME parsing off the event loop
      'pdfkit', // the complaint record's PDF
      'fontkit', // which characters the PDF's font can draw (pdfkit's own font engine)
      '@embedpdf/fonts-sc', // the PDF's font: Noto Sans Hans (Latin, Simplified and Traditional Chinese)
      'lru-cache', // sync pull pages encoded once for every desktop: size-bounded, TTL, one build per page in flight
      'p-limit', // back-pressure on sync page work: so many at a time, the rest wait in order
    ],
    layers: ['src/server', 'src/shared'],
    globals: nodeGlobals,
  },
};

/**
 * Kernel files that still import a feature or the server channels. Each entry is a debt, not a permission:
 * to be emptied by issue 8 work (move the code to the feature, or invert the dependency), then delete the entry.
 */
export const KNOWN_KERNEL_VIOLATIONS = [
  // empty: every kernel is free of features; a file listed here would be exempt from layering/kernel
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.omnidesk-data/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // tests, scripts and config files are not layered: they may use either runtime's globals
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { layering },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...Object.entries(LAYERS).map(([layer, allow]) => ({
    files: [`${layer}/**`],
    languageOptions: { globals: Object.fromEntries(allow.globals.map((name) => [name, 'readonly'])) },
    rules: {
      'layering/imports': ['error', { layer, packages: allow.packages, layers: allow.layers }],
      'layering/globals': ['error', { layer, allow: allow.globals }],
    },
  })),
  {
    // every layer's kernel: features and channels build on it, never the reverse. Composition roots
    // (server app/cli/seed, desktop-core, shared index/contracts, renderer App/main) live outside kernel/.
    files: ['src/**/kernel/**'],
    ignores: KNOWN_KERNEL_VIOLATIONS,
    rules: { 'layering/kernel': 'error' },
  },
  {
    files: ['src/**/features/**'],
    rules: { 'layering/feature-boundary': 'error' },
  },
  {
    // one <select> in the app (ChoiceSelect, with EnumSelect on it): it alone turns the DOM's string into a value
    files: ['src/renderer/**/*.tsx'],
    ignores: ['src/renderer/kernel/components/ChoiceSelect.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXOpeningElement[name.name='select']", message: 'Use ChoiceSelect or EnumSelect (src/renderer/kernel/components), not a raw <select>.' },
      ],
    },
  },
);
