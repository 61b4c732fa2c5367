import Database from '../../../src/main/store/driver';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../../../src/shared/errors';
import { channel } from '../../../src/shared/ipc/define';
import { contract } from '../../../src/shared/ipc/contract';
import { Registry, Session } from '../../../src/main/ipc/registry';
import { wasParsedWith } from '../../../src/shared/ipc/parsed';

const testContract = {
  'note.add': channel<{ id: number }>()(
    z.object({ text: z.string().min(1), amount: z.number().int().nonnegative() }).strict(),
    'clerk',
  ),
  'note.count': channel<number>()(z.object({}).strict(), 'public'),
  'note.purge': channel<null>()(z.object({}).strict(), 'manager'),
} as const;

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quay-ipc-'));
  db = new Database(join(dir, 'test.sqlite'));
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL, amount INTEGER NOT NULL, actor TEXT NOT NULL) STRICT');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = () => (db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n;

function makeRegistry() {
  const errors: string[] = [];
  const reg = new Registry(testContract, { error: (m) => errors.push(m) });
  reg.register('note.add', (input, { actor }) => {
    if (input.text === 'boom') throw new Error('disk on fire');
    if (input.text === 'domain') throw new DomainError('nope', 'Không được.', 'text');
    const r = db.prepare('INSERT INTO notes (text, amount, actor) VALUES (?, ?, ?)').run(input.text, input.amount, actor.clerkId);
    return { id: Number(r.lastInsertRowid) };
  });
  reg.register('note.count', () => count());
  reg.register('note.purge', () => null);
  return { reg, errors };
}

function loggedIn(role: 'clerk' | 'manager' | 'admin' = 'clerk') {
  const s = new Session('counter-1');
  s.clerk = { id: 'c-1', username: 'lan', fullName: 'Nguyễn Thị Lan', role };
  return s;
}

describe('IPC registry', () => {
  it('runs a valid call and returns a plain envelope, with the actor from the session', async () => {
    const { reg } = makeRegistry();
    const res = await reg.invoke('note.add', { text: 'xin chào', amount: 5 }, loggedIn());
    expect(res).toEqual({ ok: true, value: { id: 1 } });
    expect(db.prepare('SELECT actor FROM notes').get()).toEqual({ actor: 'c-1' });
  });

  it("marks the copy its schema returned, never the caller's object nor a refused one", async () => {
    const reg = new Registry(testContract, { error: () => {} });
    const seen: unknown[] = [];
    reg.register('note.add', (input) => {
      seen.push(input);
      return { id: 1 };
    });
    const raw = { text: '  xin chào ', amount: 5 };
    expect((await reg.invoke('note.add', raw, loggedIn())).ok).toBe(true);
    expect(seen[0]).not.toBe(raw);
    expect(seen[0]).toEqual({ text: '  xin chào ', amount: 5 });
    expect(wasParsedWith(testContract['note.add'].input, seen[0])).toBe(true);
    expect(wasParsedWith(testContract['note.add'].input, raw)).toBe(false);
    // Another schema's mark does not count.
    expect(wasParsedWith(testContract['note.count'].input, seen[0])).toBe(false);
    const bad = { text: '', amount: 5 };
    expect((await reg.invoke('note.add', bad, loggedIn())).ok).toBe(false);
    expect(seen).toHaveLength(1);
    expect(wasParsedWith(testContract['note.add'].input, bad)).toBe(false);
  });

  it('refuses an unknown channel with a Vietnamese message', async () => {
    const { reg } = makeRegistry();
    for (const name of ['note.delete', '__proto__', 'constructor', 42, undefined]) {
      const res = await reg.invoke(name, {}, loggedIn());
      expect(res).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'Chức năng không tồn tại.' } });
    }
  });

  it('refuses to register a channel that is not in the contract, or twice', () => {
    const { reg } = makeRegistry();
    expect(() => reg.register('note.add', () => ({ id: 0 }))).toThrow(/already has a handler/);
    expect(() => (reg as unknown as Registry<Record<string, never>>).register('note.nope' as never, (() => null) as never)).toThrow(/not in the contract/);
  });

  it('reports channels without a handler', () => {
    const reg = new Registry(testContract);
    reg.register('note.count', () => 0);
    expect(reg.missing().sort()).toEqual(['note.add', 'note.purge']);
  });

  it.each([
    [{ text: '', amount: 1 }, 'text', 'Chưa nhập thông tin bắt buộc.'],
    [{ text: 'a', amount: -1 }, 'amount', 'Không được là số âm.'],
    [{ text: 'a', amount: 1.5 }, 'amount', 'Phải là số nguyên.'],
    [{ text: 'a' }, 'amount', 'Chưa nhập thông tin bắt buộc.'],
    [{ text: 'a', amount: 1, clerkId: 'admin' }, undefined, 'Dữ liệu có trường không được phép: clerkId.'],
    ['not an object', undefined, 'Dữ liệu không đúng kiểu.'],
  ])('rejects invalid input %j with a Vietnamese message and writes nothing', async (input, field, message) => {
    const { reg } = makeRegistry();
    const res = await reg.invoke('note.add', input, loggedIn());
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('invalid_input');
      expect(res.error.message).toBe(message);
      expect(res.error.field).toBe(field);
    }
    expect(count()).toBe(0);
  });

  it('needs a logged-in, unlocked clerk, and the right role', async () => {
    const { reg } = makeRegistry();
    const anon = new Session('counter-1');
    expect(await reg.invoke('note.add', { text: 'a', amount: 1 }, anon)).toMatchObject({ ok: false, error: { code: 'not_logged_in', message: 'Chưa đăng nhập.' } });
    const locked = loggedIn();
    locked.locked = true;
    expect(await reg.invoke('note.add', { text: 'a', amount: 1 }, locked)).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await reg.invoke('note.purge', {}, loggedIn('clerk'))).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Chỉ trưởng bưu cục được làm việc này.' } });
    expect(await reg.invoke('note.purge', {}, loggedIn('admin'))).toEqual({ ok: true, value: null });
    expect(await reg.invoke('note.count', {}, anon)).toEqual({ ok: true, value: 0 });
    expect(count()).toBe(0);
  });

  it('turns a DomainError into its message and hides other errors behind a generic one', async () => {
    const { reg, errors } = makeRegistry();
    expect(await reg.invoke('note.add', { text: 'domain', amount: 1 }, loggedIn())).toEqual({
      ok: false,
      error: { code: 'nope', message: 'Không được.', field: 'text' },
    });
    const res = await reg.invoke('note.add', { text: 'boom', amount: 1 }, loggedIn());
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(res)).not.toContain('disk on fire');
    expect(errors).toEqual(['IPC handler "note.add" failed']);
  });
});

describe('the application contract', () => {
  it('has a strict object schema on every channel', () => {
    for (const [name, ch] of Object.entries(contract)) {
      const res = ch.input.safeParse({ __smuggled: 1 });
      expect(res.success, name).toBe(false);
      expect(res.error?.issues.some((i) => i.code === 'unrecognized_keys'), name).toBe(true);
    }
  });

  it('never takes the actor from the renderer', () => {
    for (const [name, ch] of Object.entries(contract)) {
      const shape = (ch.input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      for (const key of ['actor', 'clerkId', 'counterId']) expect(Object.keys(shape), name).not.toContain(key);
    }
  });
});
