/**
 * A minimal HTTP/1.1 load client for benchmarks: one keep-alive TCP connection, one GET at a time,
 * the answer read by its Content-Length. On a two-core machine the client shares the CPU with the
 * server it measures; Node's http client (an agent, request and response streams, header objects)
 * costs about as much per request as the hub's own work, this one a fraction of it, so the figure
 * says more about the hub. It only knows what the hub answers: a status line, headers with a
 * Content-Length, a body; anything else (chunked bodies, a closed connection) fails loudly.
 */
import net from 'node:net';

const HEAD_END = Buffer.from('\r\n\r\n');

export class KeepAliveClient {
  private buf: Buffer = Buffer.alloc(0);
  private bodyAt = -1;
  private bodyLength = 0;
  private status = 0;
  private pending: { resolve: (status: number) => void; reject: (err: Error) => void } | null = null;

  private constructor(
    private readonly sock: net.Socket,
    private readonly headers: string,
  ) {
    sock.setNoDelay(true);
    sock.on('data', (d: Buffer) => this.onData(d));
    sock.on('error', (err) => this.fail(err));
    sock.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  static connect(port: number, accept = 'application/json'): Promise<KeepAliveClient> {
    return new Promise((resolve, reject) => {
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.off('error', reject);
        resolve(new KeepAliveClient(sock, `Host: 127.0.0.1:${port}\r\nAccept: ${accept}\r\n\r\n`));
      });
      sock.once('error', reject);
    });
  }

  /** GET `path` (already URL-safe); resolves with the status once the whole body is in. */
  get(path: string): Promise<number> {
    if (this.pending) return Promise.reject(new Error('one request at a time per connection'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.sock.write(`GET ${path} HTTP/1.1\r\n${this.headers}`);
    });
  }

  close(): void {
    this.pending = null;
    this.sock.destroy();
  }

  private onData(d: Buffer): void {
    this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
    if (this.bodyAt < 0) {
      const end = this.buf.indexOf(HEAD_END);
      if (end < 0) return;
      const head = this.buf.toString('latin1', 0, end);
      const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
      if (!head.startsWith('HTTP/1.1 ') || !length) {
        this.fail(new Error(`unexpected answer head: ${head.slice(0, 200)}`));
        return;
      }
      this.status = Number(head.slice(9, 12));
      this.bodyAt = end + HEAD_END.length;
      this.bodyLength = Number(length[1]);
    }
    const end = this.bodyAt + this.bodyLength;
    if (this.buf.length < end) return;
    if (this.buf.length > end) {
      this.fail(new Error('bytes after the answer: the client sends one request at a time'));
      return;
    }
    this.buf = Buffer.alloc(0);
    this.bodyAt = -1;
    const p = this.pending;
    this.pending = null;
    p?.resolve(this.status);
  }

  private fail(err: Error): void {
    const p = this.pending;
    this.pending = null;
    p?.reject(err);
  }
}
