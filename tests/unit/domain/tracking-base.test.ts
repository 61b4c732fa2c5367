/**
 * Where the receipt's QR code points (src/shared/tracking.ts): the base the hub announces, taken only
 * when it is an http(s) address ending in '/' or '=' within 200 characters, and the hub's own page.
 * Both sides of every bound; the integration test checks the header end to end.
 */
import { describe, expect, it } from 'vitest';
import { hubTrackingBase, parseTrackingBase, trackingView } from '../../../src/shared/tracking';

describe('parseTrackingBase', () => {
  it('takes an http(s) address ending in "/" or "="', () => {
    expect(parseTrackingBase('https://x.vn/tra-cuu/')).toBe('https://x.vn/tra-cuu/');
    expect(parseTrackingBase('http://x.vn/track?so=')).toBe('http://x.vn/track?so=');
  });
  it('ignores what is absent, empty or not text', () => {
    expect(parseTrackingBase(null)).toBeNull();
    expect(parseTrackingBase(undefined)).toBeNull();
    expect(parseTrackingBase('')).toBeNull();
    expect(parseTrackingBase(42 as unknown as string)).toBeNull();
  });
  it('200 characters are taken, 201 are not', () => {
    const at = (n: number): string => `https://x.vn/${'a'.repeat(n - 'https://x.vn/'.length - 1)}/`;
    expect(at(200)).toHaveLength(200);
    expect(parseTrackingBase(at(200))).toBe(at(200));
    expect(parseTrackingBase(at(201))).toBeNull();
  });
  it('refuses spaces, quotes and angle brackets anywhere (no markup in a QR code or a page)', () => {
    for (const bad of ['https://x.vn/a b/', 'https://x.vn/a\tb/', 'https://x.vn/"/', "https://x.vn/'/", 'https://x.vn/</', 'https://x.vn/>/', ' https://x.vn/']) expect(parseTrackingBase(bad), bad).toBeNull();
  });
  it('refuses an address the number would be glued to, and only the last character counts', () => {
    expect(parseTrackingBase('https://x.vn/tra-cuu')).toBeNull();
    expect(parseTrackingBase('https://x.vn/=a')).toBeNull();
    expect(parseTrackingBase('https://x.vn//a')).toBeNull();
  });
  it('refuses what is not a URL, and other protocols', () => {
    expect(parseTrackingBase('tra-cuu/')).toBeNull();
    expect(parseTrackingBase('ftp://x.vn/')).toBeNull();
    expect(parseTrackingBase('javascript:alert(1)//')).toBeNull();
  });
});

describe('hubTrackingBase', () => {
  it('is the hub page /tra-cuu/, however many slashes the hub address ends with', () => {
    expect(hubTrackingBase('https://hub.vn')).toBe('https://hub.vn/tra-cuu/');
    expect(hubTrackingBase('https://hub.vn/')).toBe('https://hub.vn/tra-cuu/');
    expect(hubTrackingBase('https://hub.vn///')).toBe('https://hub.vn/tra-cuu/');
    expect(hubTrackingBase('https://hub.vn/a/b')).toBe('https://hub.vn/a/b/tra-cuu/');
  });
});

describe('trackingView: taking a dossier off a batch', () => {
  it('removes the latest "sent" step only, whatever came after it', () => {
    const ev = (type: string, at: number) => ({ type, at, branchName: 'B' });
    const v = trackingView({
      itemNumber: 'EA123456785VN',
      branchName: 'B',
      snapshot: { state: 'accepted', serviceType: 'both', returnMethod: 'pickup', appointmentDate: null, nextInvitationDate: null },
      events: [ev('batched', 1), ev('supplemented', 2), ev('batched', 3), ev('supplemented', 4), ev('unbatched', 5)],
    });
    expect(v.steps.map((s) => [s.code, s.at])).toEqual([
      ['sent_to_agency', 1],
      ['supplemented', 2],
      ['supplemented', 4],
    ]);
  });
  it('removes a "sent" step that is the very first step', () => {
    const ev = (type: string, at: number) => ({ type, at, branchName: 'B' });
    const v = trackingView({
      itemNumber: 'EA123456785VN',
      branchName: 'B',
      snapshot: { state: 'accepted', serviceType: 'both', returnMethod: 'pickup', appointmentDate: null, nextInvitationDate: null },
      events: [ev('batched', 1), ev('unbatched', 2), ev('supplemented', 3)],
    });
    expect(v.steps.map((s) => [s.code, s.at])).toEqual([['supplemented', 3]]);
  });
});
