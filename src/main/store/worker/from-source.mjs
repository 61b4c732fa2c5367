// The store worker run from source (browser mode under tsx, tests under vitest; see locate.ts): this
// thread compiles store-thread.ts with tsx's require hook, scoped to what store-thread.ts imports.
// The Electron build runs its own bundle of store-thread.ts instead and never loads this file.
import { require as tsxRequire } from 'tsx/cjs/api';

tsxRequire('./store-thread.ts', import.meta.url);
