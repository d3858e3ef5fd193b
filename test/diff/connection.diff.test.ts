import { test } from 'node:test';
import { diffSuite } from '../helpers/diff.js';

for (const resp3 of [false, true]) {
  diffSuite(`connection commands (RESP${resp3 ? 3 : 2})`, (env) => {
    test('PING, ECHO and their arity errors', async () => {
      await env().session.script([['PING'], ['ping', 'hello'], ['PING', 'a', 'b'], ['ECHO', 'x y'], ['ECHO'], ['echo', '']]);
    });
    test('unknown commands quote up to 128 bytes of arguments', async () => {
      await env().session.script([['FOO'], ['foo', 'a', 'b'], ['NOPE', 'x'.repeat(200), 'y'], ['nope', ...Array.from({ length: 20 }, (_, i) => `arg${i}`)]]);
    });
    test('SELECT accepts 0..15 and refuses the rest', async () => {
      await env().session.script([['SELECT', '15'], ['SELECT', '16'], ['SELECT', '-1'], ['SELECT', 'x'], ['SELECT', '01'], ['SELECT', '0']]);
    });
    test('HELLO errors', async () => {
      await env().session.script([['HELLO', '4'], ['HELLO', 'x'], ['HELLO', '3', 'foo'], ['HELLO', '3', 'AUTH', 'a'], ['HELLO', '2', 'SETNAME', 'a b']]);
    });
    test('AUTH without a password configured', async () => {
      await env().session.script([['AUTH', 'x'], ['AUTH', 'a', 'b', 'c'], ['AUTH', 'default', 'x']]);
    });
  }, { resp3 });
}
