import { m001Core } from './001-core';
import { m002PrintQueue } from './002-print-queue';
import { m003Sync } from './003-sync';
import { m004DeferredSearch } from './004-deferred-search';
import { m005EventOp } from './005-event-op';
import { m006ManagerDay } from './006-manager-day';
import { m008PartyNationality } from './008-party-nationality';
import { m009UpdatePolicy } from './009-update-policy';
import { m011FirstRun } from './011-first-run';
import { m012Cases } from './012-cases';
import { m013SignInGuard } from './013-sign-in-guard';
import { m014PersonalData } from './014-personal-data';
import { m015ReceiptReissue } from './015-receipt-reissue';
import { m016LookupIndexes } from './016-lookup-indexes';
import { m018DashboardBulkIntakes } from './018-dashboard-bulk-intakes';
import type { Migration } from './types';

/** Every schema step, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Migration[] = [m001Core, m002PrintQueue, m003Sync, m004DeferredSearch, m005EventOp, m006ManagerDay, m008PartyNationality, m009UpdatePolicy, m011FirstRun, m012Cases, m013SignInGuard, m014PersonalData, m015ReceiptReissue, m016LookupIndexes, m018DashboardBulkIntakes];
