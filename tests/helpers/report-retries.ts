/**
 * Vitest setup: when a test fails and CI is about to try it again, print why it failed, so that a
 * failure hidden by a successful retry still leaves its cause in the CI log.
 */
import { beforeEach } from 'vitest';

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(({ task: t }) => {
    const retry = typeof t.retry === 'number' ? t.retry : (t.retry?.count ?? 0);
    // Only when another try follows (the last failure is reported by vitest itself).
    if ((t.result?.retryCount ?? 0) >= retry) return;
    const errors = (t.result?.errors ?? []).map((e) => e.stack ?? e.message).join('\n');
    console.error(`[will retry] ${task.file?.name ?? ''} > ${task.name}\n${errors}`);
  });
});
