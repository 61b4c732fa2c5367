/**
 * What the queue knows of each printer's state: the last state a send or a status read reported,
 * with the jobs waiting or needing the clerk, for the status bar and the printer screen.
 */
import type { Clock } from '../../shared/ports';
import type { PrinterProfile } from './profiles';
import type { PrinterStatusView, QueueStore } from './queue-store';
import { PRINTER_STATE_VI, type PrinterState } from './status';
import type { Transport } from './transports/types';

export interface PrinterStatusDeps {
  clock: Clock;
  store: QueueStore;
  profiles: PrinterProfile[];
  transports: Map<string, Transport>;
  /** Printers in use (a job being sent or a status read): shared with the queue's worker. */
  busy: Set<string>;
  log: (msg: string, err?: unknown) => void;
}

export type PrinterStatusBoard = ReturnType<typeof createPrinterStatus>;

export function createPrinterStatus(d: PrinterStatusDeps) {
  const status = new Map<string, { state: PrinterState; at: number | null }>(d.profiles.map((p) => [p.id, { state: 'unknown', at: null }]));

  function set(printerId: string, state: PrinterState): void {
    status.set(printerId, { state, at: d.clock.now() });
  }

  function printerStatus(): PrinterStatusView[] {
    const counts = d.store.countsByPrinter();
    return d.profiles.map((p) => {
      const s = status.get(p.id)!;
      const c = counts.find((x) => x.printer_id === p.id);
      return {
        printerId: p.id,
        name: p.name,
        widthMm: p.widthMm,
        state: s.state,
        label: PRINTER_STATE_VI[s.state],
        busy: d.busy.has(p.id),
        queued: c?.queued ?? 0,
        needsAction: c?.attention ?? 0,
        checkedAt: s.at,
      };
    });
  }

  /** Reads each idle printer's state now (a printer busy with a job keeps the state its job reported). */
  async function refreshStatus(printerId?: string): Promise<PrinterStatusView[]> {
    const ids = printerId ? [printerId] : [...new Set(d.profiles.map((p) => p.id))];
    await Promise.all(
      ids
        .filter((id) => !d.busy.has(id))
        .map(async (id) => {
          d.busy.add(id);
          try {
            set(id, await d.transports.get(id)!.status());
          } catch (e) {
            d.log(`status ${id}`, e);
          } finally {
            d.busy.delete(id);
          }
        }),
    );
    return printerStatus();
  }

  return { set, printerStatus, refreshStatus };
}
