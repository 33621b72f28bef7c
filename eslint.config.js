// Lint is where the layering table of shared/DESIGN.md is enforced: an import that breaks it fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const node = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'url', 'events', 'stream', 'util', 'worker_threads'];
const dbDrivers = ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'pg', '@electric-sql/pglite'];
const ui = ['react', 'react-dom', 'react-dom/*', 'react/*', 'zustand', '@tanstack/*', 'i18next', 'react-i18next'];

/** no-restricted-imports for one layer: `paths` are package names, `groups` are glob patterns. */
function layer(files, { packages = [], patterns = [], message }) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: packages.filter((p) => !p.includes('*')).map((name) => ({ name, message })),
          patterns: [
            ...packages.filter((p) => p.includes('*')).map((p) => ({ group: [p], message })),
            ...patterns.map((p) => ({ group: [p], message })),
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.omnidesk-data/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  layer(['src/shared/**'], {
    packages: [...node, 'electron', ...ui, ...dbDrivers, 'socket.io', 'socket.io-client', 'fastify'],
    patterns: ['**/main/**', '**/renderer/**', '**/server/**'],
    message: 'src/shared is pure: no node, electron, react or DB drivers (DESIGN.md layering).',
  }),
  layer(['src/main/core/**'], {
    packages: ['electron', ...ui],
    patterns: ['**/renderer/**', '**/server/**', '**/main/electron/**', '**/main/web-host/**'],
    message: 'src/main/core must not import electron, react, the renderer, the server or a shell (DESIGN.md layering).',
  }),
  layer(['src/main/electron/**'], {
    packages: [...ui],
    patterns: ['**/renderer/**', '**/server/**', '**/main/web-host/**'],
    message: 'src/main/electron may import main/core, shared and electron only (DESIGN.md layering).',
  }),
  layer(['src/main/web-host/**'], {
    packages: ['electron', ...ui],
    patterns: ['**/renderer/**', '**/server/**', '**/main/electron/**'],
    message: 'src/main/web-host may import main/core and shared only (DESIGN.md layering).',
  }),
  layer(['src/renderer/**'], {
    packages: [...node, 'electron', ...dbDrivers, 'socket.io', 'fastify'],
    patterns: ['**/main/**', '**/server/**'],
    message: 'src/renderer reaches main only through window.omnidesk (DESIGN.md layering).',
  }),
  layer(['src/server/**'], {
    packages: ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', ...ui],
    patterns: ['**/main/**', '**/renderer/**'],
    message: 'src/server must not import desktop code (DESIGN.md layering).',
  }),
);
