import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffSuite, type DiffSession } from '../helpers/diff.js';

/** The next unsolicited message on both sides (a published message or push), compared byte for byte. */
async function sameNext(s: DiffSession, label: string): Promise<void> {
  const [m, r] = await Promise.all([s.mnemo.next(), s.redis.next()]);
  assert.equal(m.toString('latin1'), r.toString('latin1'), label);
}

for (const resp3 of [false, true]) {
  diffSuite(
    `pub/sub (RESP${resp3 ? 3 : 2})`,
    (env) => {
      test('subscribe family confirmations and counts', async () => {
        await env().session.script([
          ['SUBSCRIBE', 'a', 'b', 'a'],
          ['PSUBSCRIBE', 'p*', 'q?'],
          ['SSUBSCRIBE', 's1', 's2'],
          ['UNSUBSCRIBE', 'b', 'zz'],
          ['PUNSUBSCRIBE', 'q?'],
          ['SUNSUBSCRIBE', 's2', 'nope'],
          ['UNSUBSCRIBE', 'a'],
          ['PUNSUBSCRIBE', 'p*'],
          ['SUNSUBSCRIBE', 's1'],
          ['PING'],
          ['PING', 'hi'],
        ]);
      });

      test('unsubscribing from nothing answers with a null name', async () => {
        await env().session.script([['UNSUBSCRIBE'], ['PUNSUBSCRIBE'], ['SUNSUBSCRIBE'], ['SUBSCRIBE', 'x'], ['PUNSUBSCRIBE'], ['SUNSUBSCRIBE'], ['UNSUBSCRIBE'], ['UNSUBSCRIBE']]);
      });

      test('unsubscribe all, one subscription per kind', async () => {
        await env().session.script([['SUBSCRIBE', 'one'], ['PSUBSCRIBE', 'o*'], ['SSUBSCRIBE', 'so'], ['UNSUBSCRIBE'], ['PUNSUBSCRIBE'], ['SUNSUBSCRIBE']]);
      });

      test('subscribed mode: allowed commands and refusals', async () => {
        const s = env().session;
        await s.script([
          ['SUBSCRIBE', 'c'],
          ['PING'],
          ['PING', 'x'],
          ['PING', 'a', 'b'],
          ['GET', 'k'],
          ['PUBLISH', 'c', 'm'],
          ['PUBSUB', 'NUMSUB', 'c'],
          ['CONFIG', 'GET', 'x'],
          ['SSUBSCRIBE', 'sc'],
          ['UNSUBSCRIBE', 'c'],
          ['GET', 'k'],
          ['SUNSUBSCRIBE'],
          ['GET', 'k'],
        ]);
      });

      test('messages, pattern messages and shard messages to another client', async () => {
        const pub = env().session;
        const sub = await env().connect();
        await sub.script([['SUBSCRIBE', 'news'], ['PSUBSCRIBE', 'n*'], ['SSUBSCRIBE', 'shard']]);
        await pub.same(['PUBLISH', 'news', 'hello']);
        await sameNext(sub, 'message');
        await sameNext(sub, 'pmessage');
        await pub.same(['PUBLISH', 'nope', Buffer.from([0, 255, 13, 10])]);
        await sameNext(sub, 'binary pmessage');
        await pub.same(['PUBLISH', 'other', 'x']);
        await pub.same(['SPUBLISH', 'shard', 'sm']);
        await sameNext(sub, 'smessage');
        await pub.same(['SPUBLISH', 'news', 'not a shard subscriber']);
        await pub.same(['PUBSUB', 'NUMSUB', 'news', 'shard', 'none']);
        await pub.same(['PUBSUB', 'SHARDNUMSUB', 'news', 'shard']);
        await pub.same(['PUBSUB', 'NUMPAT']);
        await pub.same(['PUBSUB', 'CHANNELS']);
        await pub.same(['PUBSUB', 'CHANNELS', 'n[e]*']);
        await pub.same(['PUBSUB', 'SHARDCHANNELS']);
        await pub.same(['PUBSUB', 'SHARDCHANNELS', 'x*']);
        await sub.script([['PUNSUBSCRIBE', 'n*']]);
        await pub.same(['PUBSUB', 'NUMPAT']);
        await pub.same(['PUBLISH', 'news', 'again']);
        await sameNext(sub, 'message after punsubscribe');
      });

      test('frames carry every length: empty, short, long, each side of a digit boundary', async () => {
        const pub = env().session;
        const sub = await env().connect();
        const channel = 'c'.repeat(17);
        await sub.script([['SUBSCRIBE', channel], ['PSUBSCRIBE', '*']]);
        for (const n of [0, 1, 9, 10, 16, 17, 99, 100, 999, 1000, 10000]) {
          await pub.same(['PUBLISH', channel, 'm'.repeat(n)]);
          await sameNext(sub, `message of ${n} bytes`);
          await sameNext(sub, `pmessage of ${n} bytes`);
        }
      });

      test('a client receives its own messages, before the PUBLISH reply in RESP3', async () => {
        const s = env().session;
        if (!resp3) return;
        await s.script([['SUBSCRIBE', 'me'], ['PSUBSCRIBE', 'm?']]);
        await s.same(['PUBLISH', 'me', 'self']);
        await sameNext(s, 'pmessage to self');
        await sameNext(s, 'PUBLISH reply');
        await s.script([['GET', 'k'], ['PING']]);
      });

      test('keyspace events to the subscribed client itself come before its reply, inside EXEC too', async () => {
        const s = env().session;
        if (!resp3) return;
        await s.script([['CONFIG', 'SET', 'notify-keyspace-events', 'KEA'], ['PSUBSCRIBE', '__keyevent*']]);
        try {
          await s.same(['SET', 'k', 'v']);
          await sameNext(s, 'SET reply after its event');
          await s.script([['MULTI'], ['DEL', 'k']]);
          await s.same(['EXEC']);
        } finally {
          await s.both('CONFIG', 'SET', 'notify-keyspace-events', '');
        }
      });

      test('pattern matching follows KEYS globbing', async () => {
        const pub = env().session;
        const sub = await env().connect();
        await sub.script([['PSUBSCRIBE', 'h[ae]llo'], ['PSUBSCRIBE', 'x\\*y'], ['PSUBSCRIBE', '[^a]b?']]);
        for (const ch of ['hallo', 'hello', 'hillo', 'x*y', 'xzy', 'cbz', 'abz']) {
          const n = await pub.same(['PUBLISH', ch, 'm']);
          if (n !== 0) await sameNext(sub, `pmessage on ${ch}`);
        }
      });

      test('PUBSUB introspection errors and help', async () => {
        await env().session.script([
          ['PUBSUB'],
          ['PUBSUB', 'HELP'],
          ['PUBSUB', 'help', 'x'],
          ['PUBSUB', 'CHANNELS', 'a', 'b'],
          ['PUBSUB', 'shardchannels', 'a', 'b'],
          ['PUBSUB', 'NUMPAT', 'x'],
          ['PUBSUB', 'FOO'],
          ['PUBSUB', 'NUMSUB'],
          ['PUBSUB', 'SHARDNUMSUB'],
          ['PUBLISH', 'a'],
          ['SPUBLISH', 'a', 'b', 'c'],
          ['SUBSCRIBE'],
          ['PSUBSCRIBE'],
          ['SSUBSCRIBE'],
        ]);
      });

      test('subscribe commands inside MULTI/EXEC', async () => {
        await env().session.script([
          ['MULTI'],
          ['SUBSCRIBE', 'tx'],
          ['SSUBSCRIBE', 'stx'],
          ['PSUBSCRIBE', 'p'],
          ['EXEC'],
          ['UNSUBSCRIBE'],
          ['PUNSUBSCRIBE'],
        ]);
      });

      test('RESET leaves every subscription', async () => {
        const s = env().session;
        await s.script([['SUBSCRIBE', 'r'], ['PSUBSCRIBE', 'r*'], ['SSUBSCRIBE', 'rs']]);
        await s.same(['RESET']);
        await s.script([['PUBSUB', 'NUMSUB', 'r'], ['PUBSUB', 'NUMPAT'], ['PUBSUB', 'SHARDNUMSUB', 'rs'], ['GET', 'x']]);
      });

      test('COMMAND INFO of the pub/sub commands', async () => {
        // The PUBSUB container lists its subcommands in Redis's hash order: each is checked by name instead.
        const names = ['subscribe', 'unsubscribe', 'psubscribe', 'punsubscribe', 'publish', 'ssubscribe', 'sunsubscribe', 'spublish'];
        for (const sub of ['channels', 'numsub', 'numpat', 'shardchannels', 'shardnumsub', 'help']) names.push(`pubsub|${sub}`);
        for (const name of names) {
          await env().session.same(['COMMAND', 'INFO', name]);
        }
      });
    },
    { resp3 },
  );
}
