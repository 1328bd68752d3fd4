// @ts-check
import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Imports flow one way: core ← contracts ← db/assistant ← apps (STYLE.md).
 * Each layer lists the workspace packages it must not reach for.
 */
const layers = [
  { files: ['packages/core/**'], forbidden: ['contracts', 'db', 'assistant', 'server', 'web'] },
  { files: ['packages/contracts/**'], forbidden: ['db', 'assistant', 'server', 'web'] },
  { files: ['packages/db/**'], forbidden: ['assistant', 'server', 'web'] },
  { files: ['packages/assistant/**'], forbidden: ['db', 'server', 'web'] },
  { files: ['apps/web/**'], forbidden: ['db', 'assistant', 'server'] },
  { files: ['apps/server/**'], forbidden: ['web'] },
];

/**
 * Module order (docs/ARCHITECTURE.md, "Module order"). Each module lists the modules it may
 * import, and may only list modules declared above it, so the order is a fact the linter checks:
 * a cycle between modules cannot be written. Shared cores come first, orchestration
 * (session-start, session-closing) last. A module folder missing from this list fails the lint.
 */
const serverModules = {
  'session-core': [],
  'accounts-core': [],
  health: [],
  audit: ['session-core'],
  auth: ['accounts-core', 'audit'],
  users: ['accounts-core', 'audit'],
  attachments: ['session-core'],
  'script-templates': ['session-core', 'audit'],
  knowledge: ['session-core', 'audit'],
  psa: ['session-core', 'audit'],
  facts: ['session-core', 'audit'],
  'suggested-fixes': ['session-core', 'audit', 'script-templates'],
  'draft-templates': ['audit', 'script-templates'],
  scripts: ['session-core', 'audit', 'script-templates'],
  'fix-lifecycle': ['session-core', 'audit', 'script-templates', 'draft-templates'],
  chat: ['session-core', 'audit', 'attachments', 'script-templates', 'knowledge'],
  'script-builder': ['session-core', 'chat'],
  'ai-sessions': ['session-core', 'audit', 'chat'],
  escalations: ['session-core', 'audit', 'attachments', 'ai-sessions'],
  'session-start': ['session-core', 'audit', 'attachments', 'psa', 'chat', 'ai-sessions'],
  'session-closing': [
    'session-core',
    'audit',
    'script-templates',
    'knowledge',
    'psa',
    'facts',
    'ai-sessions',
    'escalations',
  ],
};

/** The same for the web app's features; pages that compose features live in app/, above them all. */
const webFeatures = {
  'session-core': [],
  auth: [],
  health: [],
  users: [],
  attachments: [],
  templates: [],
  knowledge: [],
  escalations: ['session-core'],
  psa: [],
  audit: ['session-core'],
  fixes: ['session-core'],
  'session-closing': ['session-core', 'psa'],
  'script-builder': ['templates'],
  pilot: ['session-core', 'psa', 'fixes'],
};

/** One import-x/no-restricted-paths zone per module: every module it did not declare is off limits. */
function moduleOrderZones(root, order, label) {
  const names = Object.keys(order);
  const onDisk = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const undeclared = onDisk.filter((name) => !names.includes(name));
  if (undeclared.length > 0) {
    throw new Error(`eslint.config.js: declare the ${label} ${undeclared.join(', ')} in the module order.`);
  }
  return names.map((name, index) => {
    const allowed = order[name];
    const notAbove = allowed.filter((dependency) => !names.slice(0, index).includes(dependency));
    if (notAbove.length > 0) {
      throw new Error(
        `eslint.config.js: ${label} ${name} may only import ${label}s declared above it, not ${notAbove.join(', ')}.`,
      );
    }
    return {
      target: path.join(root, name),
      from: names
        .filter((other) => other !== name && !allowed.includes(other))
        .map((other) => path.join(root, other)),
      message: `The ${label} order (eslint.config.js, docs/ARCHITECTURE.md) does not let ${name} import this ${label}: move what both need below them, or compose them above.`,
    };
  });
}

const here = import.meta.dirname;
const serverRoot = path.join(here, 'apps/server/src/modules');
const webRoot = path.join(here, 'apps/web/src');
const moduleZones = [
  ...moduleOrderZones(serverRoot, serverModules, 'server module'),
  ...moduleOrderZones(path.join(webRoot, 'features'), webFeatures, 'web feature'),
  {
    target: [path.join(webRoot, 'features'), path.join(webRoot, 'components'), path.join(webRoot, 'lib')],
    from: path.join(webRoot, 'app'),
    message: 'Pages in app/ compose features; nothing below them imports app/.',
  },
  {
    target: [path.join(webRoot, 'components'), path.join(webRoot, 'lib')],
    from: path.join(webRoot, 'features'),
    message: 'Shared UI and lib sit below the features; they do not import one.',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })] },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: moduleZones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...layers.map(({ files, forbidden }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: forbidden.map((name) => `@flowpilot/${name}`).flatMap((p) => [p, `${p}/*`]),
              message:
                'Imports flow core ← contracts ← db/assistant ← apps; this layer may not import that one.',
            },
            { group: ['**/apps/*', '../../apps/**'], message: 'Packages never import from apps.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
