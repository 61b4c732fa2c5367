/**
 * Another local service on the loopback (another port): it records every request it receives, its
 * path and headers, and serves a page with an image of its own. Used to prove that what the counter's
 * browser mode holds (its key) is never sent to it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export async function recordingServer(): Promise<{ origin: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: { ...req.headers } });
    if (req.url === '/anh.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      return res.end(PNG);
    }
    if (req.url === '/trang') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><html><body><img src="/anh.png" alt=""></body></html>');
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}
