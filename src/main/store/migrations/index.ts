import { m001Core } from './001-core';
import { m002PrintQueue } from './002-print-queue';
import { m003Sync } from './003-sync';
import { m004DeferredSearch } from './004-deferred-search';
import { m005EventOp } from './005-event-op';
import { m008PartyNationality } from './008-party-nationality';
import type { Migration } from './types';

/** Every schema step, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Migration[] = [m001Core, m002PrintQueue, m003Sync, m004DeferredSearch, m005EventOp, m008PartyNationality];
