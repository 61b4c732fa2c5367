// Preloaded with `node --import` by tests that check what a process loads at start-up: on exit it
// writes every module file Node's CommonJS loader loaded to the file named by $QUAY_MODULE_TRACE.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const out = process.env.QUAY_MODULE_TRACE;
const loaderCache = createRequire(import.meta.url).cache;
if (out) process.on('exit', () => writeFileSync(out, Object.keys(loaderCache).join('\n')));
