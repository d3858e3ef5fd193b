import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc64, crc64Bytes } from '../../src/persistence/rdb/crc64.js';
import { lzfCompress, lzfDecompress } from '../../src/persistence/rdb/lzf.js';
import { RdbReader, RdbWriter, RdbFormatError } from '../../src/persistence/rdb/io.js';
import { ListpackBuilder, listpackEntries } from '../../src/persistence/rdb/listpack.js';
import { buildIntset, intsetMembers } from '../../src/persistence/rdb/intset.js';
import { ziplistEntries, zipmapPairs } from '../../src/persistence/rdb/ziplist.js';
import { readValue, readTypedValue, scoreText } from '../../src/persistence/rdb/value.js';
import { verifyDumpPayload, decodeDumpPayload, createDumpPayload } from '../../src/persistence/rdb/dump.js';
import { RObj } from '../../src/keyspace/object.js';

test('CRC-64/Jones check value', () => {
  assert.equal(crc64(Buffer.from('123456789')), 0xe9c6d914c4b8d9can);
  assert.equal(crc64Bytes(Buffer.alloc(0)).toString('hex'), '0000000000000000');
});

test('a payload produced by redis-server 7.0 verifies and decodes', () => {
  // DUMP of SET s abc on redis-server 7.0.15.
  const p = Buffer.from('0003616263' + '0a00' + 'd9ac303d4172a2e2', 'hex');
  assert.equal(verifyDumpPayload(p), true);
  assert.deepEqual(decodeDumpPayload(p), { type: 'string', value: 'abc' });
  const bad = Buffer.from(p);
  bad[2] ^= 1;
  assert.equal(verifyDumpPayload(bad), false);
  const newer = Buffer.from(p);
  newer[p.length - 10] = 11;
  assert.equal(verifyDumpPayload(newer), false);
  assert.equal(verifyDumpPayload(Buffer.alloc(9)), false);
});

test('LZF round trips and refuses corrupt input', () => {
  const inputs = [Buffer.alloc(5000, 'a'), Buffer.from('hello hello hello hello hello hello'), Buffer.from(Array.from({ length: 10000 }, (_, i) => (i * i) % 253))];
  for (const input of inputs) {
    const packed = lzfCompress(input, input.length - 4);
    if (packed === null) continue;
    assert.ok(packed.length <= input.length - 4);
    assert.deepEqual(lzfDecompress(packed, input.length), input);
    assert.equal(lzfDecompress(packed, input.length + 1), null);
  }
  assert.equal(lzfCompress(Buffer.from(Array.from({ length: 64 }, (_, i) => i)), 60), null);
  assert.equal(lzfDecompress(Buffer.from([0x20, 0x05]), 10), null); // back reference before the start
});

test('length prefixes in all widths', () => {
  const w = new RdbWriter();
  const lens = [0, 63, 64, 16383, 16384, 2 ** 32 - 1, 2 ** 32];
  for (const n of lens) w.length(n);
  const r = new RdbReader(w.toBuffer());
  for (const n of lens) assert.equal(r.len(), n);
});

test('strings: integer encodings, LZF, verbatim', () => {
  const values = ['0', '-1', '127', '-128', '128', '32767', '-32769', '2147483647', '-2147483648', '2147483648', '007', '-0', '', 'short', 'z'.repeat(100), 'x'.repeat(21)];
  const w = new RdbWriter();
  for (const v of values) w.string(v);
  const b = w.toBuffer();
  const r = new RdbReader(b);
  for (const v of values) assert.equal(r.string(), v);
  assert.equal(r.pos, b.length);
  // Int encodings: 127 takes 2 bytes, 128 takes 3.
  const w2 = new RdbWriter();
  w2.string('127');
  assert.equal(w2.len, 2);
  const w3 = new RdbWriter();
  w3.string('128');
  assert.equal(w3.len, 3);
});

test('listpack entries of every encoding', () => {
  const items = ['0', '127', '128', '-1', '4095', '-4096', '4096', '32767', '-32768', '8388607', '-8388608', '2147483647', '-2147483648', '9007199254740993', '-9223372036854775808', '9223372036854775807', '9223372036854775808', '', 'a', 'b'.repeat(63), 'c'.repeat(64), 'd'.repeat(4095), 'e'.repeat(4096), '01', '+1', '1.5'];
  const lp = new ListpackBuilder();
  for (const i of items) lp.add(i);
  const buf = lp.finish();
  assert.equal(buf.readUInt32LE(0), buf.length);
  assert.deepEqual(listpackEntries(buf), items);
  const bad = Buffer.from(buf);
  bad.writeUInt32LE(buf.length + 1, 0);
  assert.throws(() => listpackEntries(bad), RdbFormatError);
});

test('intsets in 16, 32 and 64 bits', () => {
  for (const members of [['3', '1', '2'], ['-70000', '5'], ['9223372036854775807', '-9223372036854775808', '0']]) {
    const b = buildIntset(members);
    assert.deepEqual(intsetMembers(b), [...members].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1)));
  }
  assert.throws(() => intsetMembers(Buffer.from('0200000002000000', 'hex')), RdbFormatError);
});

test('ziplists from older servers decode', () => {
  // A hand-built ziplist: "ab", int 5 (immediate), int16 1000, int8 -3.
  const entries = [Buffer.from([0x00, 0x02, 0x61, 0x62]), Buffer.from([0x04, 0xf6]), Buffer.from([0x02, 0xc0, 0xe8, 0x03]), Buffer.from([0x04, 0xfe, 0xfd])];
  const body = Buffer.concat(entries);
  const z = Buffer.alloc(10 + body.length + 1);
  z.writeUInt32LE(z.length, 0);
  z.writeUInt32LE(10, 4);
  z.writeUInt16LE(4, 8);
  body.copy(z, 10);
  z[z.length - 1] = 0xff;
  assert.deepEqual(ziplistEntries(z), ['ab', '5', '1000', '-3']);
});

test('collection values decode from every RDB type; empty and duplicate ones are refused', () => {
  const w = new RdbWriter();
  w.length(2);
  w.string('a');
  w.string('b');
  assert.deepEqual(readValue(new RdbReader(w.toBuffer()), 2), { type: 'set', members: ['a', 'b'] });
  assert.deepEqual(readValue(new RdbReader(w.toBuffer()), 1), { type: 'list', items: ['a', 'b'] });
  const dup = new RdbWriter();
  dup.length(2);
  dup.string('a');
  dup.string('a');
  assert.throws(() => readValue(new RdbReader(dup.toBuffer()), 2), RdbFormatError);
  const empty = new RdbWriter();
  empty.length(0);
  assert.throws(() => readValue(new RdbReader(empty.toBuffer()), 2), RdbFormatError);

  const z = new RdbWriter();
  z.byte(5);
  z.length(2);
  z.string('m1');
  z.doubleBinary(1.5);
  z.string('m2');
  z.doubleBinary(-Infinity);
  assert.deepEqual(readTypedValue(new RdbReader(z.toBuffer())), { type: 'zset', pairs: [['m1', 1.5], ['m2', -Infinity]] });

  const lp = new ListpackBuilder();
  lp.add('f');
  lp.add('1');
  const h = new RdbWriter();
  h.byte(16);
  h.blob(lp.finish());
  assert.deepEqual(readTypedValue(new RdbReader(h.toBuffer())), { type: 'hash', pairs: [['f', '1']] });

  const q = new RdbWriter();
  q.byte(18);
  q.length(2);
  for (const part of [['x', 'y'], ['z']]) {
    const node = new ListpackBuilder();
    for (const e of part) node.add(e);
    q.length(2);
    q.blob(node.finish());
  }
  assert.deepEqual(readTypedValue(new RdbReader(q.toBuffer())), { type: 'list', items: ['x', 'y', 'z'] });

  assert.throws(() => readTypedValue(new RdbReader(Buffer.from([7, 0]))), RdbFormatError); // module type
  assert.throws(() => readTypedValue(new RdbReader(Buffer.from([0, 5, 0x61]))), RdbFormatError); // truncated
});

test('listpack score spelling', () => {
  assert.equal(scoreText(1), '1');
  assert.equal(scoreText(-0), '-0');
  assert.equal(scoreText(1.5), '1.5');
  assert.equal(scoreText(0.1), '0.10000000000000001');
  assert.equal(scoreText(Infinity), 'inf');
});

test('LZF output matches liblzf as redis-server uses it', () => {
  // DUMP of SET q <44 times x> on redis-server 7.0.15.
  const redis = Buffer.from('00c3092c017878e01f000178780a002d05b7d2a136e6d1', 'hex');
  const ours = createDumpPayload(new RObj('string', 'x'.repeat(44), 0), { listMaxListpackSize: -2, packedThreshold: 1 << 30, compress: true });
  assert.equal(ours.toString('hex'), redis.toString('hex'));
  const plain = createDumpPayload(new RObj('string', 'x'.repeat(44), 0), { listMaxListpackSize: -2, packedThreshold: 1 << 30, compress: false });
  assert.deepEqual(decodeDumpPayload(plain), decodeDumpPayload(redis));
});

test('zipmaps (hashes from 2.4 and older) decode', () => {
  // count, "f" -> "v" (1 free byte), "long" -> "" , end
  const z = Buffer.from([2, 1, 0x66, 1, 1, 0x76, 0x00, 4, 0x6c, 0x6f, 0x6e, 0x67, 0, 0, 0xff]);
  assert.deepEqual(zipmapPairs(z), [['f', 'v'], ['long', '']]);
  const w = new RdbWriter();
  w.byte(9);
  w.blob(z, false);
  assert.deepEqual(readTypedValue(new RdbReader(w.toBuffer())), { type: 'hash', pairs: [['f', 'v'], ['long', '']] });
  assert.throws(() => zipmapPairs(Buffer.from([1, 5, 0x61])), RdbFormatError);
});
