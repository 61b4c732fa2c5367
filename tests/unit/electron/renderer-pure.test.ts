import { describe, expect, it } from 'vitest';
import { ScanDetector } from '../../../src/renderer/src/scanner';

function feedAll(d: ScanDetector, text: string, start: number, gap: number, suffix = 'Enter') {
  let t = start;
  d.feed({ key: 'x', timeStamp: -1e9 }); // noise far in the past
  d.reset();
  for (const ch of text) {
    d.feed({ key: ch, timeStamp: t });
    t += gap;
  }
  return d.feed({ key: suffix, timeStamp: t });
}

describe('scanner detection by event.timeStamp', () => {
  it('a fast burst ending with Enter or Tab is a scan', () => {
    expect(feedAll(new ScanDetector(), 'EA123456785VN', 1000, 4)).toEqual({ kind: 'scan', code: 'EA123456785VN' });
    expect(feedAll(new ScanDetector(), 'EA123456785VN', 1000, 30, 'Tab')).toEqual({ kind: 'scan', code: 'EA123456785VN' });
  });
  it('typing speed is not a scan, even if the handler ran late', () => {
    expect(feedAll(new ScanDetector(), 'EA123456785VN', 1000, 90)).toEqual({ kind: 'none' });
  });
  it('a burst without a suffix, a short burst, or one broken by a pause is not a scan', () => {
    const d = new ScanDetector();
    let t = 0;
    for (const ch of 'EA123456785VN') d.feed({ key: ch, timeStamp: (t += 5) });
    expect(d.feed({ key: 'Enter', timeStamp: t + 400 })).toEqual({ kind: 'none' });
    expect(feedAll(new ScanDetector(), 'EA12', 0, 3)).toEqual({ kind: 'none' });
    const e = new ScanDetector();
    t = 0;
    for (const ch of 'EA1234') e.feed({ key: ch, timeStamp: (t += 5) });
    t += 200;
    for (const ch of '56785VN') e.feed({ key: ch, timeStamp: (t += 5) });
    // Only the last 7 characters form a burst: too short.
    expect(e.feed({ key: 'Enter', timeStamp: t + 5 })).toEqual({ kind: 'none' });
  });
  it('a shortcut (Ctrl+A then fast typing) is not the start of a scan', () => {
    const d = new ScanDetector();
    let t = 0;
    d.feed({ key: 'a', timeStamp: (t += 2), modified: true });
    for (const ch of '-135000') d.feed({ key: ch, timeStamp: (t += 2) });
    expect(d.feed({ key: 'Enter', timeStamp: t + 2 })).toEqual({ kind: 'none' });
  });
  it('Shift for capitals does not break a burst', () => {
    const d = new ScanDetector();
    let t = 0;
    for (const ch of 'EA123456785VN') {
      if (/[A-Z]/.test(ch)) d.feed({ key: 'Shift', timeStamp: (t += 1) });
      d.feed({ key: ch, timeStamp: (t += 3) });
    }
    expect(d.feed({ key: 'Enter', timeStamp: t + 3 })).toEqual({ kind: 'scan', code: 'EA123456785VN' });
  });
});
