// Lint rules that keep the architecture's boundaries (see README "Layout"):
// shared code imports nothing platform-specific, only src/main/electron imports 'electron',
// the renderer imports no Node built-ins, and inside src/main each folder keeps to its layer
// (tests/unit/lint/boundaries.test.ts shows each rule failing on a violation).
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const onlyElectronImportsElectron = { name: 'electron', message: "Only src/main/electron/* may import 'electron'." };

/** An import of a sibling folder of src/main (`../store/db`, `../../sync/worker`), not of src/shared/... */
const up = (names, file = false) => `^(\\.\\./)+(${names})${file ? '$' : '(/|$)'}`;

/** One config block per src/main folder: the import patterns (and syntax) it must not use. */
function mainBoundaries(rules) {
  return rules.map(({ folder, paths = [], patterns, syntax }) => ({
    files: [`src/main/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { paths: [onlyElectronImportsElectron, ...paths], patterns }],
      ...(syntax ? { 'no-restricted-syntax': ['error', ...syntax] } : {}),
    },
  }));
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', '.tmp/**', 'reports/**', '.stryker-tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeBuiltins, 'electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'react', 'react-dom', 'pg'].map((name) => ({ name, message: 'src/shared is pure TypeScript: no platform imports.' })),
        patterns: [{ group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/hub/**'], message: 'src/shared must not depend on other layers.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeBuiltins, 'electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'pg'].map((name) => ({ name, message: 'The renderer talks to main only through window.api.' })),
        patterns: [{ group: ['**/main/**', '**/hub/**'], message: 'The renderer must not import main-process or hub code.' }],
      }],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/hub/**/*.ts', 'tests/**/*.ts', 'scripts/**/*'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [onlyElectronImportsElectron] }],
    },
  },
  // Inside src/main, the arrows point one way (README "Layout"): ipc/ is a table of calls into
  // services/, printing/ and sync/; services/ do not reach up into sync/ or ipc/; store/ knows none of
  // them. A rule for a folder replaces the one above for the same files, so each repeats 'electron'.
  ...mainBoundaries([
    {
      folder: 'ipc',
      paths: [
        { name: 'better-sqlite3', message: 'src/main/ipc is a table of service calls: no database.' },
        { name: 'better-sqlite3-multiple-ciphers', message: 'src/main/ipc is a table of service calls: no database.' },
      ],
      patterns: [
        { regex: up('store'), message: 'src/main/ipc is a table of service calls: no store access (put the query in a service).' },
        { regex: up('app|counter', true), message: 'Handlers receive the services they call, not the application (see src/main/counter.ts).' },
      ],
      syntax: [{ selector: "CallExpression[callee.property.name='prepare']", message: 'src/main/ipc runs no SQL: put the query in a service.' }],
    },
    { folder: 'services', patterns: [{ regex: up('sync|ipc'), message: 'src/main/services must not depend on sync/ or ipc/ (they call the services, not the other way).' }] },
    { folder: 'printing', patterns: [{ regex: up('services|sync|ipc'), message: 'src/main/printing gets what it prints through DocumentSources: it imports no services/, sync/ or ipc/.' }] },
    { folder: 'store', patterns: [{ regex: up('services|printing|sync|ipc'), message: 'src/main/store is the bottom layer: it imports no services/, printing/, sync/ or ipc/.' }] },
  ]),
  {
    files: ['src/hub/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The hub is deployable on its own.' }, { name: 'better-sqlite3', message: 'The hub uses PostgreSQL.' }, { name: 'better-sqlite3-multiple-ciphers', message: 'The hub uses PostgreSQL.' }],
        patterns: [{ group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'The hub depends only on src/shared.' }],
      }],
    },
  },
);
