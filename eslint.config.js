// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Workflow and domain code runs in Temporal's deterministic sandbox (or must be usable there). */
const sandboxRestrictions = {
  paths: [
    ...nodeBuiltins.map((name) => ({ name, message: 'Node built-ins are not allowed in sandboxed code.' })),
    { name: 'pg', message: 'No database access in workflows/ or domain/.' },
    { name: 'kysely', message: 'No database access in workflows/ or domain/.' },
    { name: 'nodemailer', message: 'No I/O in workflows/ or domain/.' },
    { name: '@temporalio/activity', message: 'Activity context is not available in workflows/ or domain/.' },
    { name: '@temporalio/client', message: 'Use @temporalio/workflow inside workflows.' },
    { name: '@temporalio/worker', message: 'Use @temporalio/workflow inside workflows.' },
  ],
  patterns: [
    {
      group: ['**/db/**', '**/db', '**/api/**', '**/api'],
      message: 'workflows/ and domain/ may not import db/ or api/.',
    },
    {
      // Workflows name activities by their types only (proxyActivities<Activities>): no implementation.
      group: ['**/activities/**'],
      allowTypeImports: true,
      message: 'workflows/ may import only the types of activities.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.tools/**',
      '.data/**',
      'dist/**',
      'coverage/**',
      'web/dist/**',
      // Generated from the OpenAPI document (web/package.json, gen:api).
      'web/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-duplicate-imports': ['error', { includeExports: false }],
      'object-shorthand': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', sandboxRestrictions] },
  },
  {
    files: ['domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          ...sandboxRestrictions,
          patterns: [
            ...sandboxRestrictions.patterns,
            {
              group: ['**/workflows/**', '**/activities/**', '**/worker/**', '@temporalio/*'],
              message: 'domain/ imports nothing of ours outside domain/, and no Temporal.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'domain/ is pure: no process.' }],
    },
  },
  // The officer console (web/): the rules of hooks and React's other correctness checks.
  { files: ['web/src/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
