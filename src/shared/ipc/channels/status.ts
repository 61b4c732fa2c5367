/** The status bar: printer, sync with the hub, and main's clock. */
import { channel, empty } from '../define';

export interface StatusInfo {
  printer: { state: 'ready' | 'busy' | 'error' | 'none'; label: string };
  sync: { state: 'ok' | 'pending' | 'offline' | 'none'; label: string; pending: number };
  /** Server clock, ms since the epoch (the clerk sees the time from main, not from the renderer). */
  now: number;
  /** This counter as the store names it (the hub's names once enrolled); `local`: typed here, not enrolled. */
  identity: { counterId: string; counterName: string; branchCode: string; branchName: string; source: 'default' | 'local' | 'hub' };
}

export const statusChannels = {
  'status.get': channel<StatusInfo>()(empty, 'public'),
} as const;
