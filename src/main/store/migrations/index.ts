import { m001Core } from './001-core';
import type { Migration } from './types';

/** Every schema step, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Migration[] = [m001Core];
