import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latin1String } from '../../src/protocol/latin1.js';

test('latin1String gives one char per byte at every length, short and long paths alike', () => {
  const buf = Buffer.alloc(300);
  for (let i = 0; i < buf.length; i++) buf[i] = (i * 73 + 11) & 0xff;
  buf[5] = 0;
  buf[6] = 0xff;
  buf[7] = 0x80;
  for (let len = 0; len <= 40; len++) {
    for (const start of [0, 1, 5, 200]) {
      const s = latin1String(buf, start, len);
      assert.equal(s, buf.latin1Slice(start, start + len), `length ${len} at ${start}`);
      assert.equal(Buffer.from(s, 'latin1').equals(buf.subarray(start, start + len)), true);
    }
  }
});
