/**
 * The sandboxed preload: builds `window.api` from the contract and exposes it. Nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { channelNames } from '../shared/ipc/contract';
import { buildApi } from './api';
import { INVOKE_CHANNEL } from './api-types';

contextBridge.exposeInMainWorld(
  'api',
  buildApi(channelNames, (channel, input) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, input)),
);
