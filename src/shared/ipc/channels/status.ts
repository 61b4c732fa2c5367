/** The status bar: printer, sync with the hub, updates, and main's clock; the renderer's activity. */
import { z } from 'zod';
import { channel, empty } from '../define';

export interface StatusInfo {
  printer: { state: 'ready' | 'busy' | 'error' | 'none'; label: string };
  sync: { state: 'ok' | 'pending' | 'offline' | 'none'; label: string; pending: number };
  /**
   * Updates (src/main/update): 'required' below the province's minimum version (a banner),
   * 'downloading' with its percent, 'ready' to install at the next idle moment, 'none' (nothing shown).
   */
  update: { state: 'none' | 'downloading' | 'ready' | 'required' | 'error'; label: string; percent: number | null };
  /** Server clock, ms since the epoch (the clerk sees the time from main, not from the renderer). */
  now: number;
  /** This counter as the store names it (the hub's names once enrolled); `local`: typed here, not enrolled. */
  identity: { counterId: string; counterName: string; branchCode: string; branchName: string; source: 'default' | 'local' | 'hub' };
}

export const statusChannels = {
  'status.get': channel<StatusInfo>()(empty, 'public'),
  /** The renderer says whether a form holds unsaved input: an update never installs then. */
  'status.activity': channel<null>()(z.object({ unsavedForm: z.boolean() }).strict(), 'public'),
} as const;
