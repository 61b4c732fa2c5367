/**
 * The pull's pages over node:https (issue 18): the hub's certificate is checked against the CA store
 * (a certificate nobody vouches for is refused, the counter is offline), and a trusted one carries
 * the request's headers and the whole answer.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubUnreachable, openHubPage, readAnswer, type HubClientOptions } from '../../../src/main/sync/client';
import { nodeGet } from '../../../src/main/sync/node-get';
import { z } from 'zod';

describe('pull pages over https', () => {
  let dir: string;
  let cert: Buffer;
  let server: https.Server;
  let url: string;
  const seen: (string | undefined)[] = [];
  const body = JSON.stringify({ ok: true, text: 'x'.repeat(200_000) });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quayhcc-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    cert = readFileSync(join(dir, 'cert.pem'));
    server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json', 'x-hub-time': '1234' });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const opts = (): HubClientOptions => ({ baseUrl: url, token: 't'.repeat(40), fetch: () => Promise.reject(new Error('unused')), pageGet: nodeGet, clock: { now: () => 1 }, timeoutMs: 5_000 });

  it('refuses a hub whose certificate no CA in the store vouches for: unreachable, nothing read', async () => {
    const err = await openHubPage(opts(), '/pull?cursor=&limit=1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubUnreachable);
    expect((err as Error).message).toMatch(/^Không kết nối được máy chủ tỉnh \(.*certificate.*\)\.$/);
    expect(seen).toEqual([]);
  });

  it('with the certificate trusted: the token goes, the whole answer comes back', async () => {
    const agent = https.globalAgent as https.Agent & { options: https.AgentOptions };
    const before = agent.options.ca;
    agent.options.ca = cert;
    try {
      const a = await readAnswer(opts(), await openHubPage(opts(), '/pull?cursor=&limit=1'), z.strictObject({ ok: z.boolean(), text: z.string() }));
      expect(a.body.text).toHaveLength(200_000);
      expect(a.hubTime).toBe(1234);
      expect(seen).toEqual([`Bearer ${'t'.repeat(40)}`]);
    } finally {
      agent.options.ca = before;
      agent.destroy();
    }
  });
});
