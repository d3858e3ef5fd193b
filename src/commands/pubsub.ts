/**
 * Pub/Sub commands: SUBSCRIBE family, PUBLISH, SPUBLISH and PUBSUB
 * introspection. State and delivery live in src/pubsub/pubsub.ts.
 *
 * Replies to the subscribe family are pushes (arrays in RESP2), one per
 * channel named, each carrying the client's subscription count after the
 * change: channels + patterns for the classic family, shard channels only
 * for the S- family.
 */
import type { CommandSpec, KeySpec } from './spec.js';
import type { Client } from '../server/client.js';
import type { ReplyWriter } from '../protocol/writer.js';
import { pubsubOf, type ClientSubs, type PubSub } from '../pubsub/pubsub.js';
import { Err, errSubcommandSyntax } from '../errors.js';
import { cstr } from './args.js';
import { PROPAGATE_REPL } from '../keyspace/propagation.js';

const SUB_FLAGS = ['pubsub', 'noscript', 'loading', 'stale'] as const;
const INFO_FLAGS = ['pubsub', 'loading', 'stale'] as const;

/** Shard channels are declared as keys (for cluster routing) that are not keys. */
function shardSpec(lastkey: number): KeySpec[] {
  return [{ flags: ['not_key'], begin: { index: 1 }, find: { range: { lastkey, keystep: 1, limit: 0 } } }];
}

/** One subscribe-family confirmation: [kind, name or null, count]. */
function confirm(out: ReplyWriter, kind: string, name: string | null, count: number): void {
  out.push(3);
  out.bulkLatin1(kind);
  if (name === null) out.null();
  else out.bulkLatin1(name);
  out.integer(count);
}

type Table = 'channels' | 'patterns' | 'shard';

/** UNSUBSCRIBE / PUNSUBSCRIBE / SUNSUBSCRIBE with or without names. */
function unsubscribeGeneric(ps: PubSub, c: Client, argv: string[], out: ReplyWriter, kind: string, table: Table): void {
  const remove = (name: string): boolean =>
    table === 'channels' ? ps.unsubscribe(c, name) : table === 'patterns' ? ps.punsubscribe(c, name) : ps.sunsubscribe(c, name);
  const count = (): number => (table === 'shard' ? ps.shardCount(c) : ps.count(c));
  if (argv.length > 1) {
    for (let i = 1; i < argv.length; i++) {
      const name = argv[i];
      remove(name);
      confirm(out, kind, name, count());
    }
    return;
  }
  const own = (c.ext.pubsub as ClientSubs | undefined)?.[table];
  if (own === undefined || own.size === 0) {
    // Nothing to leave: Redis still answers, with a null name.
    confirm(out, kind, null, count());
    return;
  }
  for (const name of [...own]) {
    remove(name);
    confirm(out, kind, name, count());
  }
}

const HELP = [
  'PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
  'HELP',
  '    Prints this help.',
];

/** PUBSUB CHANNELS|SHARDCHANNELS [pattern] */
function channelsGeneric(ps: PubSub, argv: string[], out: ReplyWriter, shard: boolean): void {
  if (argv.length > 3) return out.error(errSubcommandSyntax(cstr(argv[1]), 'pubsub'));
  const list = ps.activeChannels(shard, argv.length === 3 ? argv[2] : null);
  out.array(list.length);
  for (const name of list) out.bulkLatin1(name);
}

/** PUBSUB NUMSUB|SHARDNUMSUB [channel ...]: a flat array of name, count pairs (not a map, even in RESP3). */
function numsubGeneric(ps: PubSub, argv: string[], out: ReplyWriter, shard: boolean): void {
  const table = shard ? ps.shard : ps.channels;
  out.array((argv.length - 2) * 2);
  for (let i = 2; i < argv.length; i++) {
    out.bulkLatin1(argv[i]);
    out.integer(table.get(argv[i])?.size ?? 0);
  }
}

export const pubsubCommands: CommandSpec[] = [
  {
    // SUBSCRIBE channel [channel ...]
    name: 'subscribe',
    arity: -2,
    flags: SUB_FLAGS,
    acl: [],
    group: 'pubsub',
    since: '2.0.0',
    complexity: 'O(N) where N is the number of channels to subscribe to.',
    summary: 'Starts listening to messages published on channels.',
    args: [{ name: 'channel', type: 'string', flags: ['multiple'] }],
    run(ctx, c, argv, out) {
      const ps = pubsubOf(ctx);
      for (let i = 1; i < argv.length; i++) {
        const name = argv[i];
        ps.subscribe(c, name);
        confirm(out, 'subscribe', name, ps.count(c));
      }
    },
  },
  {
    // UNSUBSCRIBE [channel [channel ...]]
    name: 'unsubscribe',
    arity: -1,
    flags: SUB_FLAGS,
    acl: [],
    group: 'pubsub',
    since: '2.0.0',
    complexity: 'O(N) where N is the number of clients already subscribed to a channel.',
    summary: 'Stops listening to messages on channels (all of them when none is named).',
    args: [{ name: 'channel', type: 'string', flags: ['optional', 'multiple'] }],
    run(ctx, c, argv, out) {
      unsubscribeGeneric(pubsubOf(ctx), c, argv, out, 'unsubscribe', 'channels');
    },
  },
  {
    // PSUBSCRIBE pattern [pattern ...]
    name: 'psubscribe',
    arity: -2,
    flags: SUB_FLAGS,
    acl: [],
    group: 'pubsub',
    since: '2.0.0',
    complexity: 'O(N) where N is the number of patterns the client is already subscribed to.',
    summary: 'Starts listening to messages on every channel whose name matches a pattern.',
    args: [{ name: 'pattern', type: 'block', flags: ['multiple'], arguments: [{ name: 'pattern', type: 'pattern' }] }],
    run(ctx, c, argv, out) {
      const ps = pubsubOf(ctx);
      for (let i = 1; i < argv.length; i++) {
        const name = argv[i];
        ps.psubscribe(c, name);
        confirm(out, 'psubscribe', name, ps.count(c));
      }
    },
  },
  {
    // PUNSUBSCRIBE [pattern [pattern ...]]
    name: 'punsubscribe',
    arity: -1,
    flags: SUB_FLAGS,
    acl: [],
    group: 'pubsub',
    since: '2.0.0',
    complexity:
      'O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).',
    summary: 'Stops listening on patterns (all of them when none is named).',
    args: [{ name: 'pattern', type: 'pattern', flags: ['optional', 'multiple'] }],
    run(ctx, c, argv, out) {
      unsubscribeGeneric(pubsubOf(ctx), c, argv, out, 'punsubscribe', 'patterns');
    },
  },
  {
    // PUBLISH channel message
    name: 'publish',
    arity: 3,
    flags: ['pubsub', 'loading', 'stale', 'fast'],
    acl: [],
    group: 'pubsub',
    since: '2.0.0',
    complexity:
      'O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).',
    summary: 'Sends a message to a channel; replies with how many subscribers received it.',
    args: [
      { name: 'channel', type: 'string' },
      { name: 'message', type: 'string' },
    ],
    run(ctx, c, argv, out) {
      out.integer(pubsubOf(ctx).publish(argv[1], argv[2]));
      // Replicas' subscribers hear it too; the AOF has no use for it.
      ctx.exec.forcePropagation(PROPAGATE_REPL);
    },
  },
  {
    // SSUBSCRIBE shardchannel [shardchannel ...]
    name: 'ssubscribe',
    arity: -2,
    flags: SUB_FLAGS,
    acl: [],
    keySpecs: shardSpec(-1),
    group: 'pubsub',
    since: '7.0.0',
    complexity: 'O(N) where N is the number of shard channels to subscribe to.',
    summary: 'Starts listening to messages published on shard channels.',
    args: [{ name: 'shardchannel', type: 'string', flags: ['multiple'] }],
    run(ctx, c, argv, out) {
      // Unlike SUBSCRIBE, no exception for transactions: Redis refuses it inside EXEC.
      if (c.multi !== null) return out.error(Err.SSUBSCRIBE_DENY_BLOCKING);
      const ps = pubsubOf(ctx);
      for (let i = 1; i < argv.length; i++) {
        const name = argv[i];
        ps.ssubscribe(c, name);
        confirm(out, 'ssubscribe', name, ps.shardCount(c));
      }
    },
  },
  {
    // SUNSUBSCRIBE [shardchannel [shardchannel ...]]
    name: 'sunsubscribe',
    arity: -1,
    flags: SUB_FLAGS,
    acl: [],
    keySpecs: shardSpec(-1),
    group: 'pubsub',
    since: '7.0.0',
    complexity: 'O(N) where N is the number of clients already subscribed to a shard channel.',
    summary: 'Stops listening on shard channels (all of them when none is named).',
    args: [{ name: 'shardchannel', type: 'string', flags: ['optional', 'multiple'] }],
    run(ctx, c, argv, out) {
      unsubscribeGeneric(pubsubOf(ctx), c, argv, out, 'sunsubscribe', 'shard');
    },
  },
  {
    // SPUBLISH shardchannel message
    name: 'spublish',
    arity: 3,
    flags: ['pubsub', 'loading', 'stale', 'fast'],
    acl: [],
    keySpecs: shardSpec(0),
    group: 'pubsub',
    since: '7.0.0',
    complexity: 'O(N) where N is the number of clients subscribed to the receiving shard channel.',
    summary: 'Sends a message to a shard channel; replies with how many subscribers received it.',
    args: [
      { name: 'shardchannel', type: 'string' },
      { name: 'message', type: 'string' },
    ],
    run(ctx, c, argv, out) {
      out.integer(pubsubOf(ctx).spublish(argv[1], argv[2]));
      ctx.exec.forcePropagation(PROPAGATE_REPL);
    },
  },
  {
    // PUBSUB <subcommand> [arg ...]
    name: 'pubsub',
    arity: -2,
    flags: [],
    acl: [],
    group: 'pubsub',
    since: '2.8.0',
    complexity: 'Depends on subcommand.',
    summary: 'Container for the Pub/Sub introspection subcommands.',
    subcommands: [
      {
        // PUBSUB CHANNELS [pattern]
        name: 'channels',
        arity: -2,
        flags: INFO_FLAGS,
        acl: [],
        group: 'pubsub',
        since: '2.8.0',
        complexity:
          'O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)',
        summary: 'Lists the channels that have at least one subscriber.',
        args: [{ name: 'pattern', type: 'pattern', flags: ['optional'] }],
        run(ctx, c, argv, out) {
          channelsGeneric(pubsubOf(ctx), argv, out, false);
        },
      },
      {
        // PUBSUB NUMSUB [channel ...]
        name: 'numsub',
        arity: -2,
        flags: INFO_FLAGS,
        acl: [],
        group: 'pubsub',
        since: '2.8.0',
        complexity: 'O(N) for the NUMSUB subcommand, where N is the number of requested channels',
        summary: 'Counts the direct subscribers of channels.',
        args: [{ name: 'channel', type: 'string', flags: ['optional', 'multiple'] }],
        run(ctx, c, argv, out) {
          numsubGeneric(pubsubOf(ctx), argv, out, false);
        },
      },
      {
        // PUBSUB NUMPAT
        name: 'numpat',
        arity: 2,
        flags: INFO_FLAGS,
        acl: [],
        group: 'pubsub',
        since: '2.8.0',
        complexity: 'O(1)',
        summary: 'Counts the distinct patterns subscribed to.',
        run(ctx, c, argv, out) {
          out.integer(pubsubOf(ctx).patterns.size);
        },
      },
      {
        // PUBSUB SHARDCHANNELS [pattern]
        name: 'shardchannels',
        arity: -2,
        flags: INFO_FLAGS,
        acl: [],
        group: 'pubsub',
        since: '7.0.0',
        complexity:
          'O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).',
        summary: 'Lists the shard channels that have at least one subscriber.',
        args: [{ name: 'pattern', type: 'pattern', flags: ['optional'] }],
        run(ctx, c, argv, out) {
          channelsGeneric(pubsubOf(ctx), argv, out, true);
        },
      },
      {
        // PUBSUB SHARDNUMSUB [shardchannel ...]
        name: 'shardnumsub',
        arity: -2,
        flags: INFO_FLAGS,
        acl: [],
        group: 'pubsub',
        since: '7.0.0',
        complexity: 'O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels',
        summary: 'Counts the subscribers of shard channels.',
        args: [{ name: 'shardchannel', type: 'string', flags: ['optional', 'multiple'] }],
        run(ctx, c, argv, out) {
          numsubGeneric(pubsubOf(ctx), argv, out, true);
        },
      },
      {
        // PUBSUB HELP
        name: 'help',
        arity: 2,
        flags: ['loading', 'stale'],
        acl: [],
        group: 'pubsub',
        since: '6.2.0',
        complexity: 'O(1)',
        summary: 'Describes the PUBSUB subcommands.',
        run(ctx, c, argv, out) {
          out.array(HELP.length);
          for (const line of HELP) out.simple(line);
        },
      },
    ],
  },
];
