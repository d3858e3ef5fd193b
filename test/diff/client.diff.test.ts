import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSuite } from '../helpers/diff.js';

const FIELDS = 'id addr laddr fd name age idle flags db sub psub ssub multi qbuf qbuf-free argv-mem multi-mem rbs rbp obl oll omem tot-mem events cmd user redir resp';

for (const resp3 of [false, true]) {
  diffSuite(
    `CLIENT (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('CLIENT subcommand errors', async () => {
        await env().session.script([
          ['CLIENT', 'KILL', '1.2.3.4:5'],
          ['CLIENT', 'KILL', 'id', 'abc'],
          ['CLIENT', 'KILL', 'id', '0'],
          ['CLIENT', 'KILL', 'type', 'foo'],
          ['CLIENT', 'KILL', 'user', 'nosuch'],
          ['CLIENT', 'KILL', 'skipme', 'maybe'],
          ['CLIENT', 'KILL', 'id'],
          ['CLIENT', 'KILL', 'addr', '1.2.3.4:5', 'laddr', 'x'],
          ['CLIENT', 'KILL', 'addr', '1.2.3.4:5', 'foo'],
          ['CLIENT', 'PAUSE', 'abc'],
          ['CLIENT', 'PAUSE', '-1'],
          ['CLIENT', 'PAUSE', '10', 'foo'],
          ['CLIENT', 'REPLY', 'foo'],
          ['CLIENT', 'NO-EVICT', 'maybe'],
          ['CLIENT', 'NO-EVICT', 'on'],
          ['CLIENT', 'NO-EVICT', 'off'],
          ['CLIENT', 'SETNAME', 'a b'],
          ['CLIENT', 'LIST', 'TYPE', 'foo'],
          ['CLIENT', 'LIST', 'ID', 'abc'],
          ['CLIENT', 'LIST', 'ID', '0'],
          ['CLIENT', 'LIST', 'foo'],
          ['CLIENT', 'LIST', 'ID', '999999'],
          ['CLIENT', 'UNBLOCK', 'abc'],
          ['CLIENT', 'UNBLOCK', '1', 'foo'],
          ['CLIENT', 'UNBLOCK', '999'],
          ['CLIENT', 'GETNAME'],
          ['CLIENT', 'SETNAME', 'myname'],
          ['CLIENT', 'GETNAME'],
          ['CLIENT', 'SETNAME', ''],
          ['CLIENT', 'GETNAME'],
          ['CLIENT', 'HELP'],
          ['CLIENT', 'FOO'],
          ['CLIENT'],
          ['CLIENT', 'ID', 'x'],
        ]);
      });
      test('CLIENT LIST and CLIENT INFO carry Redis 7.0 fields in order', async () => {
        await env().session.same(['CLIENT', 'INFO'], (m, r) => {
          const text = (x: unknown) => (typeof x === 'string' ? x : (x as { verbatim: string }).verbatim);
          const keys = (s: string) => s.trim().split(' ').map((kv) => kv.slice(0, kv.indexOf('='))).join(' ');
          assert.equal(keys(text(m)), FIELDS);
          assert.equal(keys(text(r)), FIELDS);
        });
        await env().session.same(['CLIENT', 'LIST'], 'type');
      });
      test('CLIENT REPLY SKIP drops the next reply, OFF until ON', async () => {
        const s = env().session;
        // Pipelined: only the replies that survive come back, and must match.
        const raw = '*3\r\n$6\r\nCLIENT\r\n$5\r\nREPLY\r\n$4\r\nSKIP\r\n*2\r\n$4\r\nECHO\r\n$1\r\na\r\n*2\r\n$4\r\nECHO\r\n$1\r\nb\r\n';
        await s.sameRaw(raw);
        const off = '*3\r\n$6\r\nCLIENT\r\n$5\r\nREPLY\r\n$3\r\nOFF\r\n*2\r\n$4\r\nECHO\r\n$1\r\nc\r\n*3\r\n$6\r\nCLIENT\r\n$5\r\nREPLY\r\n$2\r\nON\r\n';
        await s.sameRaw(off);
      });
    },
    { resp3 },
  );
}
