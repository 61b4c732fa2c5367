/** Hub accounts in the console (IT administrators only): list, create, change role/branch, disable, reset password, unlock. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AccountError, createUser, listUsers, resetPassword, ROLES, setUserDisabled, unlockUser, updateUser } from './accounts';
import type { ConsoleContext } from './context';
import { ConsoleHttpError } from './errors';

const NewUserSchema = z.strictObject({
  username: z.string().min(1).max(100),
  displayName: z.string().max(200).optional(),
  role: z.enum(ROLES),
  branchCode: z.string().max(40).optional(),
  password: z.string().min(1).max(200),
});
const ChangeSchema = z.strictObject({ role: z.enum(ROLES), branchCode: z.string().max(40).nullable().optional(), displayName: z.string().max(200).optional() });
const DisableSchema = z.strictObject({ disabled: z.boolean() });
const PasswordSchema = z.strictObject({ password: z.string().min(1).max(200) });

const STATUS: Record<AccountError['code'], number> = {
  EXISTS: 409,
  UNKNOWN_USER: 404,
  LAST_ADMIN: 409,
  BAD_LOGIN: 400,
  LOCKED: 400,
  WEAK_PASSWORD: 400,
  BAD_USERNAME: 400,
  NO_BRANCH: 400,
};

async function answering<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AccountError) throw new ConsoleHttpError(STATUS[err.code], err.code, err.message);
    throw err;
  }
}

const target = (req: FastifyRequest) => (req.params as { username: string }).username;

export function usersRoutes(app: FastifyInstance, c: ConsoleContext): void {
  const { db, now, api } = c;
  const itOnly = c.allow('it_admin');
  app.get(`${api}/users`, { onRequest: itOnly }, async () => ({ users: await listUsers(db) }));

  app.post(`${api}/users`, { onRequest: itOnly }, async (req) => {
    const body = NewUserSchema.safeParse(req.body);
    if (!body.success) throw new ConsoleHttpError(400, 'INVALID', 'Thông tin tài khoản chưa đủ.');
    const user = await answering(() => createUser(db, body.data, now()));
    req.log.info({ username: user.username, role: user.role, by: req.consoleUser!.username }, 'console account created');
    return { user };
  });

  app.put(`${api}/users/:username`, { onRequest: itOnly }, async (req) => {
    const body = ChangeSchema.safeParse(req.body);
    if (!body.success) throw new ConsoleHttpError(400, 'INVALID', 'Hãy chọn vai trò (và mã bưu cục cho trưởng bưu cục).');
    const user = await answering(() => updateUser(db, target(req), body.data));
    req.log.info({ username: user.username, role: user.role, branchCode: user.branchCode, by: req.consoleUser!.username }, 'console account changed');
    return { user };
  });

  app.post(`${api}/users/:username/disabled`, { onRequest: itOnly }, async (req) => {
    const body = DisableSchema.safeParse(req.body);
    if (!body.success) throw new ConsoleHttpError(400, 'INVALID', 'Yêu cầu không hợp lệ.');
    if (body.data.disabled && target(req) === req.consoleUser!.username) throw new ConsoleHttpError(409, 'SELF', 'Không thể tự khoá tài khoản của chính mình.');
    await answering(() => setUserDisabled(db, target(req), body.data.disabled, now()));
    req.log.warn({ username: target(req), disabled: body.data.disabled, by: req.consoleUser!.username }, 'console account disabled/enabled');
    return { ok: true };
  });

  app.post(`${api}/users/:username/password`, { onRequest: itOnly }, async (req) => {
    const body = PasswordSchema.safeParse(req.body);
    if (!body.success) throw new ConsoleHttpError(400, 'INVALID', 'Hãy nhập mật khẩu mới.');
    await answering(() => resetPassword(db, target(req), body.data.password));
    req.log.warn({ username: target(req), by: req.consoleUser!.username }, 'console password reset');
    return { ok: true };
  });

  app.post(`${api}/users/:username/unlock`, { onRequest: itOnly }, async (req) => {
    const ok = await unlockUser(db, target(req));
    if (!ok) throw new ConsoleHttpError(404, 'NOT_FOUND', 'Không có tài khoản này.');
    return { ok };
  });
}
