import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { intakeReceipt } from '../../../src/shared/print-model';
import { buildJobBytes } from '../../../src/main/printing/build';
import { jobTimeoutMs, TcpTransport } from '../../../src/main/printing/transports/tcp';
import { decodeReceipt } from '../../helpers/escpos-decoder';
import { FakePrinter } from '../../helpers/fake-printer';
import { intakeModel } from '../../fixtures/printing/samples';

const bytes = buildJobBytes(intakeReceipt(intakeModel), { widthMm: 80, dots: 576, cutter: true, drawer: false });
let printer: FakePrinter;
const transport = (o: Partial<ConstructorParameters<typeof TcpTransport>[0]> = {}): TcpTransport =>
  new TcpTransport({ host: printer.host, port: printer.port, statusTimeoutMs: 300, connectTimeoutMs: 500, minJobTimeoutMs: 400, minBytesPerSecond: 1_000_000, closeTimeoutMs: 300, ...o });

beforeEach(async () => {
  printer = await new FakePrinter().start();
});
afterEach(async () => {
  await printer.close();
});

describe('TCP 9100 transport against the fake printer', () => {
  it('reads DLE EOT status, sends the whole job, gets it confirmed and closes cleanly', async () => {
    const r = await transport().send(bytes);
    expect(r).toMatchObject({ outcome: 'confirmed', bytesTotal: bytes.length, bytesOffered: bytes.length, bytesWritten: bytes.length, bytesConfirmed: bytes.length, state: 'ready' });
    await new Promise((res) => setTimeout(res, 50));
    expect(printer.statusQueries).toBe(3);
    expect(printer.completeJobs).toHaveLength(1);
    expect(Buffer.from(printer.completeJobs[0]!.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(decodeReceipt(printer.completeJobs[0]!.bytes).barcodes).toEqual(['EA123456785VN']);
  });

  it('connection refused: not a byte sent, printer offline', async () => {
    await printer.refuse();
    const r = await transport().send(bytes);
    expect(r).toMatchObject({ outcome: 'not_sent', bytesOffered: 0, state: 'offline' });
    expect(await transport().status()).toBe('offline');
  });

  it.each([
    ['paperOut', 'paper_out'],
    ['coverOpen', 'cover_open'],
  ] as const)('%s: status says so and the job is not sent', async (flag, state) => {
    printer[flag] = true;
    expect(await transport().status()).toBe(state);
    const r = await transport().send(bytes);
    expect(r).toMatchObject({ outcome: 'not_sent', bytesOffered: 0, state });
    await new Promise((res) => setTimeout(res, 30));
    expect(printer.jobs).toHaveLength(0);
  });

  it('a printer that never answers status gets nothing', async () => {
    printer.silent = true;
    const r = await transport().send(bytes);
    expect(r).toMatchObject({ outcome: 'not_sent', bytesOffered: 0, state: 'offline' });
  });

  it('closed after N bytes: partial, with what was written reported', async () => {
    printer.closeAfterBytes = 5000;
    const r = await transport().send(bytes);
    expect(r.outcome).toBe('partial');
    expect(r.bytesOffered).toBeGreaterThan(0);
    expect(r.bytesConfirmed).toBe(0);
    await new Promise((res) => setTimeout(res, 30));
    expect(printer.jobs[0]!.bytes.length).toBe(5000);
    expect(printer.completeJobs).toHaveLength(0);
  });

  it('a stalled printer: the job times out (scaled to its size) as partial, never as done', async () => {
    printer.stall = true;
    const r = await transport().send(bytes);
    expect(r.outcome).toBe('partial');
    expect(r.bytesOffered).toBe(bytes.length);
    expect(r.bytesConfirmed).toBe(0);
    expect(r.error).toMatch(/no confirmation|timed out/);
  });

  it('paper runs out in the middle: partial with the state', async () => {
    printer.paperOutAfterBytes = 20_000;
    const r = await transport().send(bytes);
    expect(r.outcome).toBe('partial');
    expect(r.bytesConfirmed).toBe(0);
  });

  it('without confirmation (profile confirm=false) a clean close is sent-unconfirmed', async () => {
    const r = await transport({ confirm: false }).send(bytes);
    expect(r).toMatchObject({ outcome: 'unconfirmed', bytesWritten: bytes.length, bytesConfirmed: 0 });
  });

  it('job timeout grows with the job size', () => {
    expect(jobTimeoutMs(800_000)).toBeGreaterThan(jobTimeoutMs(80_000));
    expect(jobTimeoutMs(0)).toBe(5000);
  });
});
