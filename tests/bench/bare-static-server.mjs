// The baseline of startup.bench.ts: a bare static server for the same renderer bundle, in plain
// Node (no TypeScript loader, no store, no services). It injects the same bridge script tag as browser
// mode, and its bridge answers each channel with a canned answer recorded from the real app, so the
// renderer paints the same log-in screen. Usage: node bare-static-server.mjs <rendererDir> <answers.json>
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const [rendererDir, answersFile] = process.argv.slice(2);
const answers = await readFile(answersFile, 'utf8');
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.svg': 'image/svg+xml', '.png': 'image/png' };
const BRIDGE_JS = `"use strict";
window.__quayInvoke = (function (answers) {
  return function (channel) {
    return Promise.resolve(answers[channel] || { ok: false, error: { code: 'unavailable', message: 'Không có.' } });
  };
})(${answers});
`;

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/bridge.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    return res.end(BRIDGE_JS);
  }
  const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
  if (!file.startsWith(normalize(rendererDir))) {
    res.writeHead(404);
    return res.end();
  }
  try {
    let body = await readFile(file);
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    if (type.startsWith('text/html')) body = Buffer.from(body.toString('utf8').replace('<head>', '<head>\n    <script src="/bridge.js"></script>'));
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
server.listen(0, '127.0.0.1', () => console.log(`URL http://127.0.0.1:${server.address().port}/`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
