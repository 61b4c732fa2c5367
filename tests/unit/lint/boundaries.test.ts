/**
 * The folder rules of eslint.config.mjs, run through ESLint's own API on small snippets placed in
 * each folder: every rule refuses a violation (with its message) and lets the clean form through.
 */
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'eslint.config.mjs') });

/** The messages ESLint reports for `code` as if it were the file `path` (relative to the repository). */
async function lint(path: string, code: string): Promise<{ rule: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

describe('src/main/ipc is a table of service calls', () => {
  const file = 'src/main/ipc/handlers/probe.ts';

  it('refuses an import from store/', async () => {
    const found = await lint(file, "import type { Db } from '../../store/db';\nexport const f = (db: Db): Db => db;\n");
    expect(found).toEqual([{ rule: 'no-restricted-imports', message: expect.stringContaining('no store access') }]);
  });

  it('refuses a .prepare call (SQL)', async () => {
    const found = await lint(file, "export function f(db: { prepare(sql: string): unknown }): unknown {\n  return db.prepare('SELECT 1');\n}\n");
    expect(found).toEqual([{ rule: 'no-restricted-syntax', message: 'src/main/ipc runs no SQL: put the query in a service.' }]);
  });

  it('refuses the application as a service locator, and the database driver', async () => {
    const app = await lint(file, "import type { App } from '../../app';\nexport const f = (a: App): App => a;\n");
    expect(app).toEqual([{ rule: 'no-restricted-imports', message: expect.stringContaining('receive the services they call') }]);
    const driver = await lint(file, "import type { Database } from 'better-sqlite3';\nexport const f = (d: Database): Database => d;\n");
    expect(driver).toEqual([{ rule: 'no-restricted-imports', message: expect.stringContaining('no database') }]);
  });

  it("still refuses 'electron' (the folder's rule replaces the general one)", async () => {
    const found = await lint('src/main/ipc/probe.ts', "import { ipcMain } from 'electron';\nexport const m = ipcMain;\n");
    expect(found).toEqual([{ rule: 'no-restricted-imports', message: expect.stringContaining("Only src/main/electron/* may import 'electron'") }]);
  });

  it('lets a handler table over services, printing, sync and the shared contract through', async () => {
    const code = [
      "import type { Services } from '../../services';",
      "import type { Printing } from '../../printing/start';",
      "import type { SyncService } from '../../sync/service';",
      "import type { Contract } from '../../../shared/ipc/contract';",
      "import type { StoreLike } from '../../../shared/ipc/store-like';",
      'export type T = [Services, Printing, SyncService, Contract, StoreLike];',
      'export const f = (s: Services) => s.lookup.get;',
      '',
    ].join('\n');
    expect(await lint(file, code)).toEqual([]);
  });
});

describe('src/main/services does not reach up into sync/ or ipc/', () => {
  const file = 'src/main/services/probe.ts';

  it('refuses an import from sync/ and from ipc/', async () => {
    const sync = await lint(file, "import type { SecretBox } from '../sync/secrets';\nexport type S = SecretBox;\n");
    expect(sync).toEqual([{ rule: 'no-restricted-imports', message: expect.stringContaining('must not depend on sync/ or ipc/') }]);
    const ipc = await lint(file, "import type { Session } from '../ipc/registry';\nexport type S = Session;\n");
    expect(ipc).toEqual([{ rule: 'no-restricted-imports', message: expect.stringContaining('must not depend on sync/ or ipc/') }]);
  });

  it('lets the store, the print port and src/shared (its ipc DTOs and ports included) through', async () => {
    const code = [
      "import type { Db } from '../store/db';",
      "import type { PrintPort } from '../printing/port';",
      "import type { SecretBox } from '../../shared/ports';",
      "import type { DossierView } from '../../shared/ipc/dto';",
      'export type T = [Db, PrintPort, SecretBox, DossierView];',
      '',
    ].join('\n');
    expect(await lint(file, code)).toEqual([]);
  });
});

describe('src/main/store is the bottom layer', () => {
  const file = 'src/main/store/probe.ts';

  it.each([
    ['services/', "import { assertNotReconciling } from '../services/reconcile';\nexport const f = assertNotReconciling;\n"],
    ['printing/', "import { noPrinter } from '../printing/port';\nexport const p = noPrinter;\n"],
    ['sync/', "import { plainSecretBox } from '../sync/secrets';\nexport const b = plainSecretBox;\n"],
    ['ipc/', "import { Registry } from '../ipc/registry';\nexport const r = Registry;\n"],
  ])('refuses an import from %s', async (_folder, code) => {
    expect(await lint(file, code)).toEqual([{ rule: 'no-restricted-imports', message: expect.stringContaining('src/main/store is the bottom layer') }]);
  });

  it('lets its own modules and src/shared through', async () => {
    const code = "import { prep } from './stmt';\nimport type { Clock } from '../../shared/ports';\nexport const f = (c: Clock) => [prep, c];\n";
    expect(await lint(file, code)).toEqual([]);
  });
});

describe('src/main/printing gets its data through DocumentSources', () => {
  const file = 'src/main/printing/probe.ts';

  it('refuses an import from services/', async () => {
    const found = await lint(file, "import type { Services } from '../services';\nexport type S = Services;\n");
    expect(found).toEqual([{ rule: 'no-restricted-imports', message: expect.stringContaining('src/main/printing gets what it prints through DocumentSources') }]);
  });

  it('lets the store and src/shared through', async () => {
    const code = "import type { Db } from '../store/db';\nimport type { PrintResult } from '../../shared/ipc/dto';\nexport type T = [Db, PrintResult];\n";
    expect(await lint(file, code)).toEqual([]);
  });
});
