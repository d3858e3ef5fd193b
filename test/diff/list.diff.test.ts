import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSuite, type Arg, type DiffSession } from '../helpers/diff.js';
import type { Reply } from '../helpers/resp.js';

const BIG = '9223372036854775807';
const SMALL = '-9223372036854775808';

/** Subscribes a fresh connection pair to every keyspace event, runs `commands`, and compares the events. */
async function sameEvents(connect: () => Promise<DiffSession>, session: DiffSession, commands: Arg[][]): Promise<void> {
  await session.same(['CONFIG', 'SET', 'notify-keyspace-events', 'KEA']);
  const sub = await connect();
  await sub.same(['PSUBSCRIBE', '__key*__:*']);
  await session.script(commands);
  // PING in subscribed mode is the end marker: everything before it is an event.
  const [m, r] = await sub.messagesBeforePong();
  assert.ok(r.length > commands.length, 'events were collected');
  assert.deepEqual(m, r);
  await session.same(['CONFIG', 'SET', 'notify-keyspace-events', '']);
}

/** COMMAND DOCS without the prose we write ourselves: summaries and history descriptions. */
function normDocs(r: Reply): Reply {
  if (Array.isArray(r)) {
    if (r.length === 2 && typeof r[0] === 'string' && /^\d+\.\d+\.\d+$/.test(r[0]) && typeof r[1] === 'string') return [r[0]];
    const out: Reply[] = [];
    for (let i = 0; i < r.length; i++) {
      out.push(normDocs(r[i]));
      if (r[i] === 'summary') out.push(normDocs('') as Reply), i++;
    }
    return out;
  }
  if (r !== null && typeof r === 'object' && 'set' in r) return { set: r.set.map(normDocs) };
  if (r !== null && typeof r === 'object' && 'map' in r) {
    return { map: r.map.map(([k, v]) => [k, k === 'summary' ? '' : normDocs(v)] as [Reply, Reply]) };
  }
  return r;
}

for (const resp3 of [false, true]) {
  diffSuite(
    `list commands (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('LPUSH, RPUSH, LPUSHX, RPUSHX, LLEN', async () => {
        await env().session.script([
          ['LPUSH', 'l', 'a', 'b', 'c'],
          ['RPUSH', 'l', 'd', 'e'],
          ['LRANGE', 'l', '0', '-1'],
          ['LLEN', 'l'],
          ['LPUSHX', 'nokey', 'a'],
          ['RPUSHX', 'nokey', 'a', 'b'],
          ['EXISTS', 'nokey'],
          ['LPUSHX', 'l', 'x', 'y'],
          ['RPUSHX', 'l', 'z'],
          ['LRANGE', 'l', '0', '-1'],
          ['LLEN', 'nokey'],
          ['LPUSH', 'l'],
          ['RPUSHX', 'l'],
          ['LLEN'],
          ['LLEN', 'l', 'x'],
          ['RPUSH', 'bin', Buffer.from([0, 255, 13, 10]), ''],
          ['LRANGE', 'bin', '0', '-1'],
          ['TYPE', 'l'],
          ['OBJECT', 'ENCODING', 'l'],
        ]);
      });

      test('wrong type everywhere', async () => {
        const s = env().session;
        await s.same(['SET', 's', 'v']);
        await s.script([
          ['LPUSH', 's', 'a'],
          ['RPUSH', 's', 'a'],
          ['LPUSHX', 's', 'a'],
          ['RPUSHX', 's', 'a'],
          ['LPOP', 's'],
          ['RPOP', 's', '2'],
          ['LPOP', 's', '0'],
          ['LRANGE', 's', '0', '-1'],
          ['LRANGE', 's', 'x', '-1'],
          ['LINDEX', 's', '0'],
          ['LINDEX', 's', 'x'],
          ['LSET', 's', '0', 'x'],
          ['LSET', 's', 'x', 'x'],
          ['LINSERT', 's', 'BEFORE', 'a', 'b'],
          ['LINSERT', 's', 'middle', 'a', 'b'],
          ['LREM', 's', '0', 'a'],
          ['LTRIM', 's', '0', '1'],
          ['LLEN', 's'],
          ['LPOS', 's', 'a'],
          ['LPOS', 's', 'a', 'COUNT', '0'],
          ['LMOVE', 's', 'd', 'LEFT', 'RIGHT'],
          ['RPOPLPUSH', 's', 'd'],
          ['RPUSH', 'l', 'a'],
          ['LMOVE', 'l', 's', 'LEFT', 'RIGHT'],
          ['RPOPLPUSH', 'l', 's'],
          ['LMOVE', 'nokey', 's', 'LEFT', 'RIGHT'],
          ['LRANGE', 'l', '0', '-1'],
          ['LMPOP', '2', 'nokey', 's', 'LEFT'],
          ['LMPOP', '2', 's', 'l', 'LEFT'],
          ['LMPOP', '2', 'l', 's', 'LEFT'],
          ['BLPOP', 's', '0'],
          ['BLPOP', 'nokey', 's', '0'],
          ['BRPOP', 's', '0'],
          ['BLMOVE', 's', 'd', 'LEFT', 'LEFT', '0'],
          ['BRPOPLPUSH', 's', 'd', '0'],
          ['RPUSH', 'l', 'a'],
          ['BLMOVE', 'l', 's', 'LEFT', 'LEFT', '0'],
          ['BLMPOP', '0', '2', 'nokey', 's', 'LEFT'],
          ['GET', 's'],
        ]);
      });

      test('LPOP and RPOP with and without count', async () => {
        await env().session.script([
          ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'],
          ['LPOP', 'l'],
          ['RPOP', 'l'],
          ['LPOP', 'l', '2'],
          ['RPUSH', 'l', 'f', 'g'],
          ['RPOP', 'l', '2'],
          ['LPOP', 'l', '0'],
          ['LPOP', 'l', '-1'],
          ['LPOP', 'l', 'x'],
          ['LPOP', 'l', '1.5'],
          ['LPOP', 'l', BIG],
          ['EXISTS', 'l'],
          ['LPOP', 'l'],
          ['LPOP', 'l', '1'],
          ['LPOP', 'l', '0'],
          ['RPOP', 'l', '-1'],
          ['LPOP', 'l', '1', '2'],
          ['RPOP', 'l', '1', '2'],
          ['RPOP'],
          ['RPUSH', 'l', 'a', 'b', 'c'],
          ['RPOP', 'l', '10'],
          ['EXISTS', 'l'],
        ]);
      });

      test('LRANGE and LINDEX indexes, negative, out of range and huge', async () => {
        const s = env().session;
        await s.same(['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e', 'f']);
        const idx = ['0', '1', '5', '6', '100', '-1', '-6', '-7', '-100', BIG, SMALL, '2', '-3'];
        for (const i of idx) await s.same(['LINDEX', 'l', i]);
        for (const a of idx) for (const b of idx) await s.same(['LRANGE', 'l', a, b]);
        await s.script([
          ['LINDEX', 'l', 'x'],
          ['LINDEX', 'l', '1.0'],
          ['LINDEX', 'l', ''],
          ['LINDEX', 'nokey', 'x'],
          ['LINDEX', 'nokey', '0'],
          ['LRANGE', 'l', '0', 'x'],
          ['LRANGE', 'l', 'x', '0'],
          ['LRANGE', 'nokey', '0', '-1'],
          ['LRANGE', 'nokey', 'x', '-1'],
          ['LRANGE', 'l', '9223372036854775808', '1'],
          ['LINDEX', 'l', '+1'],
          ['LINDEX', 'l', '01'],
        ]);
      });

      test('LRANGE and LINDEX on a long list (several nodes)', async () => {
        const s = env().session;
        const items = Array.from({ length: 1000 }, (_, i) => `item-${i}-${'x'.repeat(i % 50)}`);
        await s.same(['RPUSH', 'l', ...items]);
        await s.same(['LPUSH', 'l', ...items.slice(0, 300)]);
        for (const i of ['0', '150', '299', '300', '777', '1299', '-1', '-650', '-1300', '-1301', '1300']) await s.same(['LINDEX', 'l', i]);
        for (const [a, b] of [['0', '-1'], ['100', '900'], ['-200', '-100'], ['1250', '5000']]) await s.same(['LRANGE', 'l', a, b]);
        await s.same(['LSET', 'l', '650', 'changed']);
        await s.same(['LINSERT', 'l', 'AFTER', 'item-500-', 'inserted']);
        await s.same(['LREM', 'l', '0', 'item-7-xxxxxxx']);
        await s.same(['LREM', 'l', '-1', 'item-8-xxxxxxxx']);
        await s.same(['LPOS', 'l', 'item-9-xxxxxxxxx', 'COUNT', '0']);
        await s.same(['LTRIM', 'l', '10', '-10']);
        await s.same(['LRANGE', 'l', '0', '-1']);
        await s.same(['LLEN', 'l']);
      });

      test('LRANGE over packed nodes: empty, short, long and binary elements, windows inside nodes', async () => {
        const s = env().session;
        const sizes = [0, 1, 9, 10, 15, 16, 17, 99, 100, 999, 1000, 5000, 70000];
        const items: Arg[] = Array.from({ length: 400 }, (_, i) => {
          const n = sizes[(i * 7) % sizes.length];
          return Buffer.from(Array.from({ length: n }, (_, j) => (i * 31 + j * 7) & 0xff));
        });
        await s.same(['RPUSH', 'l', ...items]);
        await s.same(['LPUSH', 'l', ...items.slice(0, 50)]);
        for (const [a, b] of [['0', '-1'], ['1', '1'], ['3', '260'], ['-300', '-2'], ['449', '449'], ['120', '131']]) {
          await s.same(['LRANGE', 'l', a, b]);
        }
      });

      test('LSET', async () => {
        await env().session.script([
          ['LSET', 'nokey', '0', 'x'],
          ['LSET', 'nokey', 'x', 'x'],
          ['RPUSH', 'l', 'a', 'b', 'c'],
          ['LSET', 'l', '0', 'A'],
          ['LSET', 'l', '-1', 'C'],
          ['LSET', 'l', '3', 'x'],
          ['LSET', 'l', '-4', 'x'],
          ['LSET', 'l', BIG, 'x'],
          ['LSET', 'l', 'x', 'x'],
          ['LSET', 'l', '1', 'x'.repeat(10000)],
          ['LRANGE', 'l', '0', '-1'],
          ['LSET', 'l', '1'],
        ]);
      });

      test('LINSERT', async () => {
        await env().session.script([
          ['LINSERT', 'nokey', 'BEFORE', 'a', 'x'],
          ['LINSERT', 'nokey', 'sideways', 'a', 'x'],
          ['RPUSH', 'l', 'a', 'b', 'a'],
          ['LINSERT', 'l', 'BEFORE', 'a', 'x'],
          ['LINSERT', 'l', 'after', 'a', 'y'],
          ['LINSERT', 'l', 'AfTeR', 'b', 'z'],
          ['LINSERT', 'l', 'BEFORE', 'missing', 'z'],
          ['LINSERT', 'l', 'sideways', 'a', 'x'],
          ['LRANGE', 'l', '0', '-1'],
          ['LINSERT', 'l', 'BEFORE', 'a'],
        ]);
      });

      test('LREM', async () => {
        await env().session.script([
          ['LREM', 'nokey', '0', 'a'],
          ['LREM', 'nokey', 'x', 'a'],
          ['RPUSH', 'l', 'a', 'b', 'a', 'c', 'a', 'b', 'a'],
          ['LREM', 'l', '1', 'a'],
          ['LRANGE', 'l', '0', '-1'],
          ['LREM', 'l', '-2', 'a'],
          ['LRANGE', 'l', '0', '-1'],
          ['LREM', 'l', '0', 'b'],
          ['LRANGE', 'l', '0', '-1'],
          ['LREM', 'l', 'x', 'a'],
          ['LREM', 'l', '0', 'missing'],
          ['LREM', 'l', BIG, 'a'],
          ['LREM', 'l', SMALL, 'c'],
          ['EXISTS', 'l'],
        ]);
      });

      test('LTRIM', async () => {
        const s = env().session;
        const idx = ['0', '1', '-1', '-2', '3', '10', '-10', BIG, SMALL];
        for (const a of idx) {
          for (const b of idx) {
            await s.same(['DEL', 'l']);
            await s.same(['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e']);
            await s.same(['LTRIM', 'l', a, b]);
            await s.same(['LRANGE', 'l', '0', '-1']);
            await s.same(['EXISTS', 'l']);
          }
        }
        await s.script([['LTRIM', 'nokey', '0', '1'], ['LTRIM', 'nokey', 'x', '1'], ['LTRIM', 'l', 'x', '1'], ['LTRIM', 'l', '0', 'y']]);
      });

      test('LPOS options and errors', async () => {
        const s = env().session;
        await s.same(['RPUSH', 'l', 'a', 'b', 'c', 'a', 'b', 'c', 'a', 'x']);
        const variants: Arg[][] = [
          [],
          ['RANK', '1'],
          ['RANK', '2'],
          ['RANK', '3'],
          ['RANK', '4'],
          ['RANK', '-1'],
          ['RANK', '-3'],
          ['RANK', '-4'],
          ['COUNT', '0'],
          ['COUNT', '2'],
          ['COUNT', '10'],
          ['RANK', '2', 'COUNT', '0'],
          ['RANK', '-2', 'COUNT', '2'],
          ['MAXLEN', '1'],
          ['MAXLEN', '4', 'COUNT', '0'],
          ['RANK', '-1', 'MAXLEN', '2', 'COUNT', '0'],
          ['MAXLEN', '0', 'COUNT', '0'],
          ['rank', '1', 'count', '1', 'maxlen', '100'],
          ['RANK', BIG],
          ['RANK', SMALL],
          ['RANK', SMALL, 'COUNT', '1'],
          ['RANK', SMALL, 'COUNT', '0'],
          ['RANK', '-9223372036854775807', 'COUNT', '0'],
          ['RANK', '0'],
          ['RANK', 'x'],
          ['COUNT', '-1'],
          ['COUNT', 'x'],
          ['MAXLEN', '-1'],
          ['MAXLEN', 'x'],
          ['RANK'],
          ['COUNT'],
          ['FOO', '1'],
          ['RANK', '1', 'RANK', '2'],
          ['COUNT', '1', 'COUNT', '0'],
        ];
        for (const v of variants) {
          await s.same(['LPOS', 'l', 'a', ...v]);
          await s.same(['LPOS', 'nokey', 'a', ...v]);
        }
        await s.same(['LPOS', 'l', 'zzz']);
        await s.same(['LPOS', 'l', 'zzz', 'COUNT', '3']);
        await s.same(['LPOS', 'l']);
      });

      test('LMOVE and RPOPLPUSH', async () => {
        await env().session.script([
          ['LMOVE', 'nokey', 'd', 'LEFT', 'RIGHT'],
          ['LMOVE', 'nokey', 'd', 'UP', 'RIGHT'],
          ['LMOVE', 'nokey', 'd', 'LEFT', 'DOWN'],
          ['RPUSH', 's', 'a', 'b', 'c', 'd'],
          ['LMOVE', 's', 'd', 'LEFT', 'RIGHT'],
          ['LMOVE', 's', 'd', 'right', 'left'],
          ['LMOVE', 's', 'd', 'LEFT', 'LEFT'],
          ['LRANGE', 'd', '0', '-1'],
          ['LMOVE', 's', 's', 'LEFT', 'RIGHT'],
          ['LRANGE', 's', '0', '-1'],
          ['RPOPLPUSH', 's', 'd'],
          ['EXISTS', 's'],
          ['RPOPLPUSH', 's', 'd'],
          ['RPOPLPUSH', 'd', 'd'],
          ['LRANGE', 'd', '0', '-1'],
          ['LMOVE', 'd', 's', 'LEFT'],
          ['RPOPLPUSH', 'd'],
          ['RPUSH', 'one', 'x'],
          ['LMOVE', 'one', 'one', 'LEFT', 'LEFT'],
          ['LRANGE', 'one', '0', '-1'],
        ]);
      });

      test('LMPOP', async () => {
        await env().session.script([
          ['LMPOP', '2', 'a', 'b', 'LEFT'],
          ['RPUSH', 'b', '1', '2', '3', '4', '5'],
          ['LMPOP', '2', 'a', 'b', 'LEFT'],
          ['LMPOP', '2', 'a', 'b', 'RIGHT', 'COUNT', '2'],
          ['LMPOP', '2', 'a', 'b', 'left', 'count', '100'],
          ['EXISTS', 'b'],
          ['RPUSH', 'a', 'x'],
          ['LMPOP', '1', 'a', 'RIGHT', 'COUNT', BIG],
          ['LMPOP', '0', 'a', 'LEFT'],
          ['LMPOP', '-1', 'a', 'LEFT'],
          ['LMPOP', 'x', 'a', 'LEFT'],
          ['LMPOP', '5', 'a', 'LEFT'],
          ['LMPOP', '1', 'a', 'MIDDLE'],
          ['LMPOP', '1', 'a', 'LEFT', 'COUNT'],
          ['LMPOP', '1', 'a', 'LEFT', 'COUNT', '0'],
          ['LMPOP', '1', 'a', 'LEFT', 'COUNT', '-1'],
          ['LMPOP', '1', 'a', 'LEFT', 'COUNT', 'x'],
          ['LMPOP', '1', 'a', 'LEFT', 'COUNT', '1', 'COUNT', '1'],
          ['LMPOP', '1', 'a', 'LEFT', 'FOO'],
          ['LMPOP', BIG, 'a', 'LEFT'],
          ['LMPOP', '1', 'a'],
          ['LMPOP', '1'],
        ]);
      });

      test('blocking commands served at once, timeouts, and argument errors', async () => {
        await env().session.script([
          ['RPUSH', 'l', 'a', 'b', 'c'],
          ['BLPOP', 'nokey', 'l', '0'],
          ['BRPOP', 'nokey', 'l', '0'],
          ['BLPOP', 'l', 'l', '1.5'],
          ['BLPOP', 'nokey', '0.01'],
          ['BRPOP', 'nokey', 'other', '0.01'],
          ['BLMOVE', 'nokey', 'd', 'LEFT', 'RIGHT', '0.01'],
          ['BRPOPLPUSH', 'nokey', 'd', '0.01'],
          ['BLMPOP', '0.01', '2', 'nokey', 'other', 'LEFT'],
          ['BLMPOP', '0.01', '1', 'nokey', 'RIGHT', 'COUNT', '3'],
          ['RPUSH', 'l', 'a', 'b', 'c'],
          ['BLMOVE', 'l', 'd', 'RIGHT', 'LEFT', '0'],
          ['BRPOPLPUSH', 'l', 'd', '0'],
          ['BLMPOP', '0', '2', 'nokey', 'l', 'LEFT', 'COUNT', '5'],
          ['BLMPOP', '0', '1', 'd', 'RIGHT'],
          ['LRANGE', 'd', '0', '-1'],
          ['BLPOP', 'l', '-1'],
          ['BLPOP', 'l', 'x'],
          ['BLPOP', 'l', '-inf'],
          ['BLPOP', 'l', 'inf'],
          ['BLPOP', 'l', '1e400'],
          ['BLPOP', 'l', '1e5000'],
          ['BLPOP', 'l', 'nan'],
          ['BLPOP', 'l', ' 1'],
          ['BLPOP', 'l', '1e16'],
          ['BLPOP', 'l', ''],
          ['BRPOP', 'l', '-0.5'],
          ['BLMOVE', 'l', 'd', 'LEFT', 'RIGHT', '-1'],
          ['BLMOVE', 'l', 'd', 'LEFT', 'UP', '-1'],
          ['BLMOVE', 'l', 'd', 'LEFT', 'RIGHT', 'x'],
          ['BRPOPLPUSH', 'l', 'd', 'x'],
          ['BLMPOP', '-1', '1', 'l', 'LEFT'],
          ['BLMPOP', 'x', '0', 'l', 'LEFT'],
          ['BLMPOP', 'x', '1', 'l', 'UP'],
          ['BLMPOP', 'x', '1', 'l', 'LEFT'],
          ['BLMPOP', '0', '0', 'l', 'LEFT'],
          ['BLMPOP', '0', '2', 'l', 'LEFT'],
          ['BLMPOP', '0', '1', 'l', 'LEFT', 'COUNT', '0'],
          ['BLPOP', 'l'],
          ['BLMPOP', '0', '1', 'l'],
        ]);
      });

      test('blocking commands inside MULTI act like their non-blocking form', async () => {
        await env().session.script([
          ['MULTI'],
          ['BLPOP', 'nokey', '0'],
          ['BRPOP', 'nokey', '0'],
          ['BLMOVE', 'nokey', 'd', 'LEFT', 'RIGHT', '0'],
          ['BRPOPLPUSH', 'nokey', 'd', '0'],
          ['BLMPOP', '0', '1', 'nokey', 'LEFT'],
          ['RPUSH', 'l', 'a', 'b', 'c', 'd'],
          ['BLPOP', 'l', '0'],
          ['BLMOVE', 'l', 'd', 'LEFT', 'RIGHT', '0'],
          ['BLMPOP', '0', '1', 'l', 'RIGHT', 'COUNT', '5'],
          ['EXEC'],
          ['LRANGE', 'd', '0', '-1'],
        ]);
      });

      test('COMMAND INFO and COMMAND GETKEYS', async () => {
        const s = env().session;
        const names = ['lpush', 'rpush', 'lpushx', 'rpushx', 'lpop', 'rpop', 'lrange', 'lindex', 'lset', 'linsert', 'lrem', 'ltrim', 'llen', 'lpos', 'lmove', 'rpoplpush', 'lmpop', 'blpop', 'brpop', 'blmove', 'brpoplpush', 'blmpop'];
        for (const n of names) await s.same(['COMMAND', 'INFO', n]);
        await s.script([
          ['COMMAND', 'GETKEYS', 'LMPOP', '2', 'a', 'b', 'LEFT'],
          ['COMMAND', 'GETKEYS', 'BLMPOP', '0', '3', 'a', 'b', 'c', 'RIGHT', 'COUNT', '2'],
          ['COMMAND', 'GETKEYS', 'BLPOP', 'a', 'b', '0'],
          ['COMMAND', 'GETKEYS', 'LMOVE', 'a', 'b', 'LEFT', 'LEFT'],
        ]);
      });

      test('COMMAND DOCS (own summaries and history wording aside)', async () => {
        const s = env().session;
        for (const n of ['lpush', 'lpop', 'lpos', 'linsert', 'lmove', 'rpoplpush', 'lmpop', 'blpop', 'blmove', 'brpoplpush', 'blmpop']) {
          await s.same(['COMMAND', 'DOCS', n], (m, r) => assert.deepEqual(normDocs(m), normDocs(r)));
        }
      });

      test('keyspace events', async () => {
        const { session, connect } = env();
        await sameEvents(connect, session, [
          ['LPUSH', 'l', 'a', 'b', 'c'],
          ['RPUSH', 'l', 'd', 'e'],
          ['LPUSHX', 'l', 'x'],
          ['RPUSHX', 'nokey', 'x'],
          ['LPOP', 'l'],
          ['RPOP', 'l', '2'],
          ['LPOP', 'l', '0'],
          ['LSET', 'l', '0', 'z'],
          ['LINSERT', 'l', 'BEFORE', 'z', 'y'],
          ['LINSERT', 'l', 'BEFORE', 'missing', 'y'],
          ['LREM', 'l', '0', 'missing'],
          ['LREM', 'l', '0', 'y'],
          ['LTRIM', 'l', '0', '-1'],
          ['RPUSH', 'src', 'a', 'b'],
          ['LMOVE', 'src', 'dst', 'LEFT', 'RIGHT'],
          ['RPOPLPUSH', 'src', 'dst'],
          ['LMOVE', 'dst', 'dst', 'LEFT', 'RIGHT'],
          ['LMPOP', '2', 'nokey', 'dst', 'RIGHT', 'COUNT', '5'],
          ['RPUSH', 'm', '1', '2'],
          ['BLPOP', 'm', '0'],
          ['BRPOPLPUSH', 'm', 'n', '0'],
          ['BLMPOP', '0', '1', 'n', 'LEFT'],
          ['RPUSH', 'r', 'a', 'b', 'c', 'd'],
          ['LREM', 'r', '0', 'a'],
          ['LTRIM', 'r', '1', '0'],
          ['RPUSH', 't', 'a'],
          ['LREM', 't', '1', 'a'],
          ['RPUSH', 'u', 'a', 'b'],
          ['LTRIM', 'u', '5', '10'],
          ['LPUSH', 'w', 'a'],
          ['RPOP', 'w'],
        ]);
      });
    },
    { resp3 },
  );
}
