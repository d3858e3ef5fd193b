/**
 * Commands of Redis 7.0 that a standalone server answers without the
 * feature behind them: LOLWUT, MODULE (no module can be loaded), CLUSTER,
 * READONLY, READWRITE and ASKING (cluster support disabled).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSuite } from '../helpers/diff.js';
import type { Reply } from '../helpers/resp.js';

/** The text of a LOLWUT reply, bulk (RESP2) or verbatim (RESP3). */
function art(r: Reply): string {
  if (typeof r === 'string') return r;
  if (r !== null && typeof r === 'object' && 'verbatim' in r) return String((r as { verbatim: unknown }).verbatim);
  throw new Error(`not a LOLWUT reply: ${JSON.stringify(r)}`);
}

/** The drawings are random below their first rows: same lines, same widths, same fixed lines. */
function sameShape(fixedHead: number): (m: Reply, r: Reply) => void {
  return (m, r) => {
    const ml = art(m).split('\n');
    const rl = art(r).split('\n');
    assert.equal(ml.length, rl.length, 'line count');
    // Version 6 draws each cell as an escape sequence; count cells, not bytes.
    const width = (line: string) => (line.includes('\x1b') ? line.split('\x1b[0m').length - 1 : [...line].length);
    for (let i = 0; i < ml.length; i++) assert.equal(width(ml[i]), width(rl[i]), `width of line ${i}`);
    for (let i = 0; i < fixedHead; i++) assert.equal(ml[i], rl[i], `fixed line ${i}`);
    assert.deepEqual(ml.slice(-3), rl.slice(-3), 'closing lines');
  };
}

for (const resp3 of [false, true]) {
  diffSuite(
    `LOLWUT, MODULE, CLUSTER on a standalone server (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('LOLWUT: the version line, other versions, argument errors', async () => {
        await env().session.script([
          ['LOLWUT'],
          ['LOLWUT', 'VERSION', '7'],
          ['LOLWUT', 'VERSION', '1'],
          ['LOLWUT', 'VERSION', '-1'],
          ['LOLWUT', 'VERSION', '56'],
          ['LOLWUT', 'VERSION'],
          ['LOLWUT', 'foo', 'bar'],
          ['LOLWUT', 'VERSION', 'x'],
          ['LOLWUT', 'VERSION', '5', 'x'],
          ['LOLWUT', 'VERSION', '5', '10', '2', 'x'],
          ['LOLWUT', 'VERSION', '6', '10', 'x'],
          ['LOLWUT', 'version', '4294967301', '3', '1', '1'],
        ]);
      });

      test('LOLWUT VERSION 5: the ordered rows exactly, the rest by shape', async () => {
        const s = env().session;
        // Up to two rows of squares nothing is random: the drawing must be identical.
        await s.script([
          ['LOLWUT', 'VERSION', '5', '1', '1', '1'],
          ['LOLWUT', 'VERSION', '5', '0', '-5', '0'],
          ['LOLWUT', 'VERSION', '5', '30', '4', '2'],
          ['LOLWUT', 'VERSION', '5', '2000', '1', '1'],
          ['LOLWUT', 'VERSION', '5', '66', '300', '2'],
        ]);
        await s.same(['LOLWUT', 'VERSION', '5'], sameShape(6));
        await s.same(['LOLWUT', 'VERSION', '5', '40', '10', '10'], sameShape(4));
      });

      test('LOLWUT VERSION 6: the skyline by shape', async () => {
        const s = env().session;
        await s.same(['LOLWUT', 'VERSION', '6'], sameShape(0));
        await s.same(['LOLWUT', 'VERSION', '6', '1', '1'], sameShape(0));
        await s.same(['LOLWUT', 'VERSION', '6', '5000', '3'], sameShape(0));
      });

      test('MODULE: an empty list, HELP, loading refused without enable-module-command', async () => {
        await env().session.script([
          ['MODULE', 'LIST'],
          ['MODULE', 'HELP'],
          ['MODULE', 'LOAD', '/nonexistent/module.so'],
          ['MODULE', 'LOADEX', '/nonexistent/module.so', 'CONFIG', 'a', 'b'],
          ['MODULE', 'UNLOAD', 'foo'],
          ['MODULE', 'FOO'],
          ['MODULE'],
          ['MODULE', 'LIST', 'x'],
          ['MODULE', 'LOAD'],
        ]);
      });

      test('CLUSTER, READONLY, READWRITE, ASKING: cluster support disabled', async () => {
        await env().session.script([
          ['CLUSTER', 'INFO'],
          ['CLUSTER', 'HELP'],
          ['CLUSTER', 'NODES'],
          ['CLUSTER', 'SLOTS'],
          ['CLUSTER', 'SHARDS'],
          ['CLUSTER', 'MYID'],
          ['CLUSTER', 'KEYSLOT', 'foo'],
          ['CLUSTER', 'COUNTKEYSINSLOT', '1'],
          ['CLUSTER', 'GETKEYSINSLOT', '1', '10'],
          ['CLUSTER', 'ADDSLOTS', '1', '2'],
          ['CLUSTER', 'RESET', 'HARD'],
          ['CLUSTER', 'FOO'],
          ['CLUSTER'],
          ['CLUSTER', 'INFO', 'x'],
          ['CLUSTER', 'KEYSLOT'],
          ['READONLY'],
          ['READWRITE'],
          ['ASKING'],
          ['READONLY', 'x'],
          ['MULTI'],
          ['CLUSTER', 'INFO'],
          ['ASKING'],
          ['EXEC'],
        ]);
      });
    },
    { resp3 },
  );
}

diffSuite(
  'MODULE LOAD where enable-module-command allows it',
  (env) => {
    test('every load fails with the same error; UNLOAD finds no module', async () => {
      await env().session.script([
        ['MODULE', 'LOAD', '/nonexistent/module.so'],
        ['MODULE', 'LOAD', '/nonexistent/module.so', 'arg1', 'arg2'],
        ['MODULE', 'LOAD', '/etc/hostname'],
        ['MODULE', 'LOAD', '/tmp'],
        ['MODULE', 'LOADEX', '/nonexistent/module.so'],
        ['MODULE', 'LOADEX', '/nonexistent/module.so', 'CONFIG', 'a'],
        ['MODULE', 'LOADEX', '/nonexistent/module.so', 'CONFIG', 'a', 'b', 'ARGS', 'c'],
        ['MODULE', 'LOADEX', '/nonexistent/module.so', 'FOO'],
        ['MODULE', 'UNLOAD', 'foo'],
        ['MODULE', 'LIST'],
      ]);
    });
  },
  { mnemoOptions: { 'enable-module-command': 'yes' }, redisArgs: ['--enable-module-command', 'yes'] },
);
