// @ts-check
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
