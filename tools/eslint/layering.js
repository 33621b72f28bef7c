/**
 * Local ESLint plugin that enforces the layering table of docs/architecture.md as allow-lists.
 * `no-restricted-imports` and `no-restricted-globals` can only forbid what someone thought of; these rules
 * reject everything a layer was not explicitly given, so a new dependency is a decision, not an accident.
 *
 * Rules (all options are set per layer in eslint.config.js):
 * - `imports`: every import source (import/export-from/dynamic import()/import x = require()) must be an
 *   allowed package or a relative path into an allowed layer folder.
 *     options: { layer: 'src/shared', packages: ['zod', '@tanstack/*', 'node:*'], layers: ['src/shared'] }
 *     `node:*` admits Node's built-in modules, `@scope/*` a whole scope; a listed package admits its subpaths.
 * - `globals`: value references to globals must be in `allow` (type-only references are left to tsc,
 *   which sees the DOM only in tsconfig.renderer.json).
 * - `kernel`: a kernel file may not import a feature (a `features/` folder in any layer) or `src/server/channels/**`.
 * - `feature-boundary`: `features/<name>/...` may reach `features/<other>` only through its index.
 *
 * Paths are compared relative to ESLint's cwd (the repository root), with forward slashes.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

/** The layer folders; a path belongs to the one it lies under. */
const LAYER_ROOTS = ['src/main/web-host', 'src/main/electron', 'src/main/core', 'src/renderer', 'src/server', 'src/shared'];

const builtins = new Set(builtinModules);

/** Repo-relative, forward-slashed path of the linted file. */
function fileOf(context) {
  return toPosix(path.relative(context.cwd, context.filename));
}

function toPosix(p) {
  return p.split(path.sep).join('/');
}

/** Repo-relative target of a relative import, or null for a bare (package) specifier. */
function resolveRelative(context, source) {
  if (!source.startsWith('.') && !source.startsWith('/')) return null;
  const abs = path.resolve(path.dirname(context.filename), source);
  return toPosix(path.relative(context.cwd, abs));
}

function layerOf(repoPath) {
  return LAYER_ROOTS.find((root) => repoPath === root || repoPath.startsWith(`${root}/`)) ?? null;
}

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`. */
function packageName(source) {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function packageAllowed(source, allowed) {
  if (source.startsWith('node:') || builtins.has(packageName(source))) return allowed.includes('node:*');
  const name = packageName(source);
  return allowed.some((entry) => (entry.endsWith('/*') ? name.startsWith(entry.slice(0, -1)) : entry === name));
}

/** Calls `check(node, source)` for every static module specifier in the file. */
function eachImport(check) {
  const visit = (node) => {
    if (node.source && node.source.type === 'Literal' && typeof node.source.value === 'string') check(node.source, node.source.value);
  };
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression: visit,
    TSImportEqualsDeclaration(node) {
      const ref = node.moduleReference;
      if (ref.type === 'TSExternalModuleReference' && ref.expression.type === 'Literal') check(ref.expression, String(ref.expression.value));
    },
  };
}

const imports = {
  meta: {
    type: 'problem',
    docs: { description: 'Only the packages and layer folders allowed for this layer may be imported' },
    schema: [
      {
        type: 'object',
        properties: {
          layer: { type: 'string' },
          packages: { type: 'array', items: { type: 'string' } },
          layers: { type: 'array', items: { type: 'string' } },
        },
        required: ['layer', 'packages', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      package: "{{layer}} may not import '{{source}}': not in its package allow-list (eslint.config.js, docs/architecture.md).",
      layer: "{{layer}} may not import '{{source}}' ({{target}}): only {{layers}} (docs/architecture.md layering).",
    },
  },
  create(context) {
    const { layer, packages, layers } = context.options[0];
    return eachImport((node, source) => {
      const target = resolveRelative(context, source);
      if (target === null) {
        if (!packageAllowed(source, packages)) context.report({ node, messageId: 'package', data: { layer, source } });
        return;
      }
      const targetLayer = layerOf(target);
      if (targetLayer === null || !layers.includes(targetLayer)) {
        context.report({ node, messageId: 'layer', data: { layer, source, target: targetLayer ?? target, layers: layers.join(', ') } });
      }
    });
  },
};

const globalsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Only the globals allowed for this layer may be used as values' },
    schema: [
      {
        type: 'object',
        properties: { layer: { type: 'string' }, allow: { type: 'array', items: { type: 'string' } } },
        required: ['layer', 'allow'],
        additionalProperties: false,
      },
    ],
    messages: { global: "{{layer}} may not use the global '{{name}}': not in its globals allow-list (eslint.config.js)." },
  },
  create(context) {
    const { layer, allow } = context.options[0];
    const allowed = new Set(allow);
    return {
      'Program:exit'(program) {
        const globalScope = context.sourceCode.getScope(program);
        // globals never declared anywhere, plus implicit/configured globals (variables without a declaration)
        const refs = [...globalScope.through];
        for (const variable of globalScope.variables) if (variable.defs.length === 0) refs.push(...variable.references);
        for (const ref of refs) {
          // typescript-eslint marks type positions; plain eslint-scope references are always values
          if (ref.isValueReference === false) continue;
          const name = ref.identifier.name;
          if (!allowed.has(name)) context.report({ node: ref.identifier, messageId: 'global', data: { layer, name } });
        }
      },
    };
  },
};

/** `src/<layer>/features/<name>/<rest>` -> { name, rest }; null when the path is not in a feature. */
function featureOf(repoPath) {
  const m = /^src\/(?:.+\/)?features\/([^/]+)(?:\/(.*))?$/.exec(repoPath);
  return m ? { name: m[1], rest: m[2] ?? '' } : null;
}

const kernel = {
  meta: {
    type: 'problem',
    docs: { description: 'Kernel code may not depend on features or on the server channels' },
    schema: [],
    messages: {
      feature: "Kernel code may not import the feature '{{source}}': features build on the kernel, not the reverse (docs/architecture.md).",
      channels: "Kernel code may not import the channels '{{source}}': channels build on the kernel, not the reverse (docs/architecture.md).",
    },
  },
  create(context) {
    return eachImport((node, source) => {
      const target = resolveRelative(context, source);
      if (target === null) return;
      if (featureOf(target)) context.report({ node, messageId: 'feature', data: { source } });
      else if (target === 'src/server/channels' || target.startsWith('src/server/channels/')) {
        context.report({ node, messageId: 'channels', data: { source } });
      }
    });
  },
};

const INDEX = /^index(\.(ts|tsx|js))?$/;

const featureBoundary = {
  meta: {
    type: 'problem',
    docs: { description: "A feature reaches another feature only through that feature's index" },
    schema: [],
    messages: {
      internal: "Feature '{{own}}' may not import '{{source}}', an internal file of feature '{{other}}': import features/{{other}}/index instead.",
    },
  },
  create(context) {
    const own = featureOf(fileOf(context));
    if (!own) return {};
    return eachImport((node, source) => {
      const target = resolveRelative(context, source);
      const other = target === null ? null : featureOf(target);
      if (!other || other.name === own.name) return;
      if (other.rest === '' || INDEX.test(other.rest)) return;
      context.report({ node, messageId: 'internal', data: { own: own.name, other: other.name, source } });
    });
  },
};

export default {
  meta: { name: 'omnidesk-layering' },
  rules: { imports, globals: globalsRule, kernel, 'feature-boundary': featureBoundary },
};
