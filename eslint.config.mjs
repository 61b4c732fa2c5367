// Lint rules that keep the architecture's boundaries (see README "Layout"):
// shared code imports nothing platform-specific, only src/main/electron imports 'electron',
// the renderer imports no Node built-ins.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

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
        paths: [...nodeBuiltins, 'electron', 'better-sqlite3', 'react', 'react-dom', 'pg'].map((name) => ({ name, message: 'src/shared is pure TypeScript: no platform imports.' })),
        patterns: [{ group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/hub/**'], message: 'src/shared must not depend on other layers.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeBuiltins, 'electron', 'better-sqlite3', 'pg'].map((name) => ({ name, message: 'The renderer talks to main only through window.api.' })),
        patterns: [{ group: ['**/main/**', '**/hub/**'], message: 'The renderer must not import main-process or hub code.' }],
      }],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/hub/**/*.ts', 'tests/**/*.ts', 'scripts/**/*'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: "Only src/main/electron/* may import 'electron'." }] }],
    },
  },
  {
    files: ['src/hub/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The hub is deployable on its own.' }, { name: 'better-sqlite3', message: 'The hub uses PostgreSQL.' }],
        patterns: [{ group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'The hub depends only on src/shared.' }],
      }],
    },
  },
);
