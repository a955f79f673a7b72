// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Workflow and domain code runs in Temporal's deterministic sandbox (or must be usable there). */
const sandboxPaths = [
  ...nodeBuiltins.map((name) => ({ name, message: 'Node built-ins are not allowed in sandboxed code.' })),
  { name: 'pg', message: 'No database access in workflows/ or domain/.' },
  { name: 'kysely', message: 'No database access in workflows/ or domain/.' },
  { name: 'nodemailer', message: 'No I/O in workflows/ or domain/.' },
  { name: '@temporalio/activity', message: 'Activity context is not available in workflows/ or domain/.' },
  { name: '@temporalio/client', message: 'Use @temporalio/workflow inside workflows.' },
  { name: '@temporalio/worker', message: 'Use @temporalio/workflow inside workflows.' },
];

/** Our top-level source folders (docs/architecture.md, "Folders and what each may import"). */
const ourFolders = [
  'activities',
  'api',
  'bench',
  'config',
  'db',
  'dev',
  'domain',
  'scripts',
  'common',
  'test',
  'web',
  'worker',
  'workflows',
];

/**
 * Matches a relative import that climbs out to one of `folders` (`../db/x.js`, `../../api/app.js`).
 * @param {string[]} folders
 */
const climbsTo = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

/**
 * The `no-restricted-imports` options of a layer: `folder` may import (relatively) only the folders in
 * `allowed` and only the types of those in `typesOnly`; everything else of ours is refused, naming the rule.
 * @param {string} folder
 * @param {{ allowed: string[], typesOnly?: string[], paths?: { name: string, message: string }[],
 *   patterns?: { group: string[], message: string }[] }} options
 */
function layer(folder, { allowed, typesOnly = [], paths = [], patterns = [] }) {
  const refused = ourFolders.filter((f) => f !== folder && !allowed.includes(f) && !typesOnly.includes(f));
  const may = [...allowed.map((f) => `${f}/`), ...typesOnly.map((f) => `the types of ${f}/`)];
  const message = `${folder}/ may import only ${folder}/${may.length ? `, ${may.join(', ')}` : ''} (docs/architecture.md, "Folders and what each may import").`;
  return {
    paths,
    patterns: [
      ...patterns,
      { regex: climbsTo(refused), message },
      ...(typesOnly.length ? [{ regex: climbsTo(typesOnly), allowTypeImports: true, message }] : []),
    ],
  };
}

/**
 * One config block per layer: the rule for its files, tests excepted (they may import anything).
 * @param {string[]} files
 * @param {ReturnType<typeof layer>} options
 */
const layerBlock = (files, options) => ({
  files,
  ignores: ['**/*.test.ts'],
  rules: { '@typescript-eslint/no-restricted-imports': ['error', options] },
});

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
  // Import cycles, value and type imports alike (import-x skips type-only imports: scripts/check-import-cycles.ts,
  // run by `npm run lint` too, catches those).
  {
    files: ['**/*.ts'],
    ignores: ['web/**'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: `${import.meta.dirname}/tsconfig.json` }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // Layers: what each folder may import (docs/architecture.md). web/ is a separate package: not checked here.
  layerBlock(
    ['domain/**/*.ts'],
    layer('domain', {
      allowed: [],
      paths: sandboxPaths,
      patterns: [{ group: ['@temporalio/*'], message: 'domain/ is pure: no Temporal.' }],
    }),
  ),
  layerBlock(
    ['workflows/**/*.ts'],
    layer('workflows', { allowed: ['domain'], typesOnly: ['activities'], paths: sandboxPaths }),
  ),
  layerBlock(
    ['activities/**/*.ts'],
    layer('activities', { allowed: ['domain', 'db', 'common'], typesOnly: ['config', 'workflows'] }),
  ),
  layerBlock(['api/**/*.ts'], layer('api', { allowed: ['domain', 'db', 'config', 'workflows', 'common'] })),
  layerBlock(
    ['worker/**/*.ts'],
    layer('worker', { allowed: ['domain', 'db', 'config', 'workflows', 'activities', 'common'] }),
  ),
  layerBlock(['db/**/*.ts'], layer('db', { allowed: ['domain'] })),
  // The migration CLI is an entry point: it reads the environment.
  layerBlock(['db/migrate-cli.ts'], layer('db', { allowed: ['domain', 'config'] })),
  layerBlock(['common/**/*.ts'], layer('common', { allowed: ['domain'] })),
  layerBlock(['config/**/*.ts'], layer('config', { allowed: ['domain'] })),
  layerBlock(['dev/**/*.ts'], layer('dev', { allowed: ['domain'] })),
  {
    files: ['domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
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
