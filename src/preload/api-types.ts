/** The type of `window.api` as the renderer sees it (built by src/preload/api.ts from the contract). */
import type { Contract } from '../shared/ipc/contract';
import type { EnvelopeApiOf } from './api';

export type Api = EnvelopeApiOf<Contract>;
export const INVOKE_CHANNEL = 'quay:invoke';
