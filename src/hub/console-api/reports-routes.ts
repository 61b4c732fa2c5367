/**
 * Reports and complaints in the console: the periodic report (report.ts) of a period for the
 * province or a branch, as figures and as XLSX / PDF downloads, and the complaints across branches
 * with the overdue ones first (complaints.ts). A branch manager sees only their own branch.
 */
import type { FastifyInstance } from 'fastify';
import { localDateOf } from '../../shared/calendar';
import { parsePeriod } from '../../shared/report/period';
import { listComplaints } from '../complaints';
import { periodicReport, ReportInputError } from '../report';
import { reportPdf, reportXlsx } from '../report-output';
import { scopeBranch, type ConsoleContext } from './context';
import { ConsoleHttpError } from './errors';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function consoleReportRoutes(app: FastifyInstance, c: ConsoleContext): void {
  const { db, now, api } = c;
  const anyone = c.allow();

  const build = async (query: unknown, user: Parameters<typeof scopeBranch>[0]) => {
    const q = (query ?? {}) as Record<string, unknown>;
    const p = parsePeriod(typeof q.period === 'string' ? q.period : '');
    if (!p.ok) throw new ConsoleHttpError(400, p.code, p.message);
    try {
      return await periodicReport(db, p.value, scopeBranch(user, q.branch), now());
    } catch (err) {
      if (err instanceof ReportInputError) throw new ConsoleHttpError(400, 'UNKNOWN_BRANCH', err.message);
      throw err;
    }
  };

  app.get(`${api}/report`, { onRequest: anyone }, async (req) => ({ report: await build(req.query, req.consoleUser!) }));

  app.get(`${api}/report/:format`, { onRequest: anyone }, async (req, reply) => {
    const format = (req.params as { format: string }).format;
    if (format !== 'bao-cao.xlsx' && format !== 'bao-cao.pdf') throw new ConsoleHttpError(404, 'NOT_FOUND', 'Không có địa chỉ này trên máy chủ.');
    const r = await build(req.query, req.consoleUser!);
    const name = `bao-cao-${r.period.key}${r.branch ? `-${r.branch.code.replace(/[^\w.-]/g, '_')}` : ''}`;
    req.log.info({ period: r.period.key, branch: r.branch?.code ?? null, format, by: req.consoleUser!.username }, 'report downloaded from the console');
    if (format.endsWith('.xlsx')) return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(await reportXlsx(r));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(Buffer.from(await reportPdf(r)));
  });

  app.get(`${api}/complaints`, { onRequest: anyone }, async (req) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const asOf = localDateOf(now());
    const complaints = await listComplaints(db, { asOf, branchCode: scopeBranch(req.consoleUser!, q.branch), openOnly: q.open === '1' });
    return { asOf, complaints };
  });
}
