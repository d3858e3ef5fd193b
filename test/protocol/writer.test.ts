import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplyWriter } from '../../src/protocol/writer.js';

/** A writer whose sink collects every chunk (copied: the writer reuses its buffer). */
function collecting(): { out: ReplyWriter; wire: () => string } {
  const chunks: Buffer[] = [];
  const out = new ReplyWriter((chunk) => {
    chunks.push(Buffer.from(chunk));
    return true;
  });
  return { out, wire: () => Buffer.concat(chunks).toString('latin1') };
}

function bulk(s: string): string {
  return `$${s.length}\r\n${s}\r\n`;
}

test('runs of bulk strings keep their order among other replies', () => {
  const { out, wire } = collecting();
  let expected = '';
  // A seeded mix of short and long bulks (the long ones after a bulk are deferred) and other shapes.
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < 5000; i++) {
    const k = rand(10);
    if (k < 6) {
      const len = [0, 3, 16, 17, 64, 1023, 1024, 5000][rand(8)];
      const s = String.fromCharCode(...Array.from({ length: Math.min(len, 40) }, () => rand(256))).padEnd(len, 'x');
      out.bulkLatin1(s);
      expected += bulk(s);
    } else if (k === 6) {
      out.integer(i);
      expected += `:${i}\r\n`;
    } else if (k === 7) {
      out.array(i);
      expected += `*${i}\r\n`;
    } else if (k === 8) {
      out.ok();
      expected += '+OK\r\n';
    } else {
      out.flush();
    }
  }
  out.flush();
  assert.equal(wire(), expected);
});

test('the pending length counts deferred bulk strings', () => {
  const { out, wire } = collecting();
  const v = 'v'.repeat(100);
  out.array(3);
  out.bulkLatin1(v);
  out.bulkLatin1(v);
  out.bulkLatin1(v);
  assert.equal(out.length, '*3\r\n'.length + 3 * bulk(v).length);
  out.flush();
  assert.equal(out.length, 0);
  assert.equal(wire(), '*3\r\n' + bulk(v).repeat(3));
});

test('a long run of deferred bulk strings is written in pieces, whole', () => {
  const { out, wire } = collecting();
  const v = 'abcdefghijklmnopqrstuvwxyz'.repeat(10);
  out.array(3000);
  for (let i = 0; i < 3000; i++) out.bulkLatin1(v + i);
  out.flush();
  let expected = '*3000\r\n';
  for (let i = 0; i < 3000; i++) expected += bulk(v + i);
  assert.equal(wire(), expected);
});

test('muted replies are dropped, deferred ones already written are not', () => {
  const { out, wire } = collecting();
  const v = 'w'.repeat(50);
  out.bulkLatin1(v);
  out.bulkLatin1(v);
  out.muted = true;
  out.bulkLatin1(v);
  out.muted = false;
  out.ok();
  out.flush();
  assert.equal(wire(), bulk(v) + bulk(v) + '+OK\r\n');
});

test('runs of elements are framed exactly, through the framer or one by one', () => {
  const { out, wire } = collecting();
  let seed = 11;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  // Lengths around every digit-count boundary, binary bytes, and runs below, at and above the framer's limits.
  const lengths = [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 9999, 10000, 70000, 99999, 100000];
  const element = () => {
    const len = lengths[rand(lengths.length)] >> (rand(3) === 0 ? 0 : 4);
    return Buffer.from(Array.from({ length: len }, () => rand(256))).toString('latin1');
  };
  let expected = '';
  for (let r = 0; r < 300; r++) {
    const items = Array.from({ length: [1, 3, 4, 5, 64, 128, 1100][rand(7)] }, element);
    const from = rand(3) === 0 ? rand(items.length) : 0;
    const to = rand(3) === 0 ? from + rand(items.length - from + 1) : items.length;
    if (rand(2) === 0) out.bulkItems(items, from, to);
    else {
      const ends: number[] = [];
      let end = 0;
      for (const v of items) ends.push((end += v.length));
      out.bulkRun(items.join(''), ends, from, to);
    }
    for (let i = from; i < to; i++) expected += bulk(items[i]);
    // A deferred bulk string between runs must keep its place.
    const v = 'd'.repeat(17 + rand(40));
    out.bulkLatin1(v);
    expected += bulk(v);
    if (rand(4) === 0) out.flush();
  }
  out.flush();
  assert.equal(wire(), expected);
});

test('an array reply longer than one framed run is written whole, in order', () => {
  const { out, wire } = collecting();
  const items = Array.from({ length: 2500 }, (_, i) => 'item:' + i + 'x'.repeat(i % 70));
  out.bulkArray(items);
  out.flush();
  assert.equal(wire(), `*2500\r\n` + items.map(bulk).join(''));
});
