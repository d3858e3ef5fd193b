import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RespParser, ProtocolError, splitArgs } from '../../src/protocol/parser.js';

const limits = { maxBulkLen: 512 * 1024 * 1024, authRequired: false };

function parseAll(chunks: Buffer[]): string[][] {
  const p = new RespParser(limits);
  const out: string[][] = [];
  for (const c of chunks) {
    p.feed(c);
    for (let argv = p.next(); argv; argv = p.next()) out.push(argv.map((b) => b));
  }
  return out;
}

test('a frame split at every byte parses the same', () => {
  const frame = Buffer.from('*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nva\r\nl\r\nPING\r\n');
  const whole = parseAll([frame]);
  assert.deepEqual(whole, [['SET', 'key', 'va\r\nl'], ['PING']]);
  for (let i = 1; i < frame.length; i++) {
    assert.deepEqual(parseAll([frame.subarray(0, i), frame.subarray(i)]), whole, `split at ${i}`);
  }
  assert.deepEqual(parseAll([...frame].map((b) => Buffer.from([b]))), whole);
});

test('a large bulk arriving in many chunks is joined once', () => {
  const value = Buffer.alloc(3 * 1024 * 1024, 0x61);
  const frame = Buffer.concat([Buffer.from(`*2\r\n$3\r\nSET\r\n$${value.length}\r\n`), value, Buffer.from('\r\n')]);
  const chunks: Buffer[] = [];
  for (let i = 0; i < frame.length; i += 65536) chunks.push(frame.subarray(i, i + 65536));
  const out = parseAll(chunks);
  assert.equal(out.length, 1);
  assert.equal(out[0][1].length, value.length);
});

test('protocol errors carry Redis texts', () => {
  const cases: [string, string][] = [
    ['*x\r\n', 'Protocol error: invalid multibulk length'],
    ['*1\r\nx\r\n', "Protocol error: expected '$', got 'x'"],
    ['*1\r\n$-1\r\n', 'Protocol error: invalid bulk length'],
    ['"unbalanced\r\n', 'Protocol error: unbalanced quotes in request'],
  ];
  for (const [input, msg] of cases) {
    const p = new RespParser(limits);
    p.feed(Buffer.from(input));
    assert.throws(() => p.next(), (e: unknown) => e instanceof ProtocolError && e.message === msg);
  }
});

test('inline splitting follows sdssplitargs', () => {
  const split = (s: string) => splitArgs(Buffer.from(s))?.map((b) => b);
  assert.deepEqual(split('set a "b c"'), ['set', 'a', 'b c']);
  assert.deepEqual(split('"\\x41\\n" \'it\\\'s\''), ['A\n', "it's"]);
  assert.deepEqual(split('a ""'), ['a', '']);
  assert.equal(split('"a"b'), undefined);
  assert.equal(split("'abc"), undefined);
});

test('only the first len bytes of a reused buffer count, whatever follows them', () => {
  const frame = Buffer.from('*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nva\r\nl\r\nPING\r\nECHO x\r\n');
  const whole = parseAll([frame]);
  // One shared buffer, as the server reads into: stale bytes after each read, with newlines and
  // frame starts in them, must neither complete a frame nor end an inline command early.
  const shared = Buffer.alloc(256, '\r\n*1\r\n$4\r\nPING\r\n');
  for (let i = 1; i < frame.length; i++) {
    const p = new RespParser(limits);
    const out: string[][] = [];
    for (const part of [frame.subarray(0, i), frame.subarray(i)]) {
      shared.fill('\r\n*1\r\n$4\r\nPING\r\n');
      part.copy(shared);
      p.feed(shared, true, part.length);
      for (let argv = p.next(); argv; argv = p.next()) out.push(argv);
      p.settle();
    }
    assert.deepEqual(out, whole, `split at ${i}`);
  }
});

test('command names come out exactly as sent, whatever was sent before them', () => {
  const names = ['GET', 'get', 'GeT', 'GET', 'gxt', 'abc', 'axc', 'abc', '', 'x'.repeat(30), 'x'.repeat(30), '\x00\xff'];
  const frames = names.map((n) => `*2\r\n$${n.length}\r\n${n}\r\n$1\r\nk\r\n`).join('');
  assert.deepEqual(
    parseAll([Buffer.from(frames, 'latin1')]),
    names.map((n) => [n, 'k']),
  );
});
