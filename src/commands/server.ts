/**
 * Server introspection and control: INFO, TIME, LASTSAVE, SHUTDOWN,
 * MONITOR, SLOWLOG, LATENCY, MEMORY, DEBUG.
 */
import type { CommandSpec, CommandFlag } from './spec.js';
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { ReplyWriter } from '../protocol/writer.js';
import type { Command } from './table.js';
import { Err, errSubcommandSyntax } from '../errors.js';
import { eqi, parseInteger, cstr } from './args.js';
import { genInfo, serverState, usedMemory } from '../server/info.js';
import { slowlogOf, redactedPositions } from '../server/slowlog.js';
import { latencyOf, latencyGraph } from '../server/latency.js';
import { debugCommand } from './debug.js';
import { reprString } from '../config/loader.js';
import { objectMemory } from '../keyspace/memory.js';
import { CLIENT_CLOSE_AFTER_REPLY, CLIENT_MONITOR } from '../server/client-flags.js';

function help(out: ReplyWriter, lines: readonly string[]): void {
  out.array(lines.length);
  for (const l of lines) out.simple(l);
}

// ---------------------------------------------------------------- MONITOR

/**
 * Feeds one executed command to every MONITOR client, in Redis's line
 * format: +<unix seconds>.<microseconds> [<db> <addr>] "arg" ... with
 * each argument quoted like sdscatrepr.
 */
export function feedMonitors(ctx: ServerContext, c: Client, argv: string[]): void {
  const now = performance.timeOrigin + performance.now();
  const sec = Math.floor(now / 1000);
  const usec = Math.floor((now - sec * 1000) * 1000);
  const origin = c.isUnix ? `unix:${ctx.config.get('unixsocket')}` : c.addr;
  let line = `${sec}.${String(usec).padStart(6, '0')} [${c.db.id} ${origin}]`;
  const redact = redactedPositions(argv);
  for (let i = 0; i < argv.length; i++) {
    line += ' ' + (redact !== null && redact.has(i) ? '"(redacted)"' : reprString(argv[i]));
  }
  for (const m of ctx.monitors) {
    if (m.closed) continue;
    m.out.simple(line);
    m.markPending();
  }
}

// ---------------------------------------------------------------- specs

const SERVER = { group: 'server' } as const;
const ADMIN_FLAGS: readonly CommandFlag[] = ['admin', 'noscript', 'loading', 'stale'];

const SLOWLOG_HELP = [
  'SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'GET [<count>]',
  '    Return top <count> entries from the slowlog (default: 10, -1 mean all).',
  '    Entries are made of:',
  '    id, timestamp, time in microseconds, arguments array, client IP and port,',
  '    client name',
  'LEN',
  '    Return the length of the slowlog.',
  'RESET',
  '    Reset the slowlog.',
  'HELP',
  '    Prints this help.',
];

const LATENCY_HELP = [
  'LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'DOCTOR',
  '    Return a human readable latency analysis report.',
  'GRAPH <event>',
  '    Return an ASCII latency graph for the <event> class.',
  'HISTORY <event>',
  '    Return time-latency samples for the <event> class.',
  'LATEST',
  '    Return the latest latency samples for all events.',
  'RESET [<event> ...]',
  '    Reset latency data of one or more <event> classes.',
  '    (default: reset all data for all event classes)',
  'HISTOGRAM [COMMAND ...]',
  '    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.',
  '    If no commands are specified then all histograms are replied.',
  'HELP',
  '    Prints this help.',
];

const MEMORY_HELP = [
  'MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'DOCTOR',
  '    Return memory problems reports.',
  'MALLOC-STATS',
  '    Return internal statistics report from the memory allocator.',
  'PURGE',
  '    Attempt to purge dirty pages for reclamation by the allocator.',
  'STATS',
  '    Return information about the memory usage of the server.',
  'USAGE <key> [SAMPLES <count>]',
  '    Return memory in bytes used by <key> and its value. Nested values are',
  '    sampled up to <count> times (default: 5, 0 means sample all).',
  'HELP',
  '    Prints this help.',
];

function container(name: string, since: string, summary: string, subcommands: CommandSpec[]): CommandSpec {
  return { name, arity: -2, flags: [], acl: [], ...SERVER, since, summary, complexity: 'Depends on subcommand.', subcommands };
}

function shutdown(ctx: ServerContext, c: Client, argv: string[], out: ReplyWriter): void {
  let nosave = false;
  let save = false;
  let abort = false;
  for (let i = 1; i < argv.length; i++) {
    if (eqi(argv[i], 'nosave')) nosave = true;
    else if (eqi(argv[i], 'save')) save = true;
    else if (eqi(argv[i], 'now') || eqi(argv[i], 'force')) continue;
    else if (eqi(argv[i], 'abort')) abort = true;
    else return out.error(Err.SYNTAX);
  }
  if ((abort && argv.length !== 2) || (nosave && save)) return out.error(Err.SYNTAX);
  // Shutdown is immediate here (no replica wait), so there is never one in progress to abort.
  if (abort) return out.error('ERR No shutdown in progress.');
  const saver = ctx.ext.shutdownSave as ((mode: 'save' | 'nosave' | 'default') => string | null) | undefined;
  if (saver !== undefined) {
    const err = saver(nosave ? 'nosave' : save ? 'save' : 'default');
    if (err !== null && !argv.some((a) => eqi(a, 'force'))) {
      ctx.log.warning(`Error trying to save the DB, can't exit: ${err}`);
      return out.error(Err.SHUTDOWN_FAILED);
    }
  }
  ctx.log.warning('User requested shutdown...');
  // Redis sends no reply: the connection just closes.
  const exit = ctx.ext.exitProcess as (() => void) | undefined;
  const close = ctx.shutdownHandler;
  setImmediate(() => {
    // The process ends only after the listeners closed (and the unix socket file is gone).
    void (close?.() ?? Promise.resolve()).then(() => exit?.());
  });
  c.flags |= CLIENT_CLOSE_AFTER_REPLY;
}

export const serverCommands: CommandSpec[] = [
  {
    // INFO [section [section ...]]
    name: 'info',
    arity: -1,
    flags: ['loading', 'stale'],
    acl: ['dangerous'],
    tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'],
    ...SERVER,
    since: '1.0.0',
    complexity: 'O(1)',
    summary: 'Returns information and statistics about the server.',
    history: [['7.0.0', 'Added support for taking multiple section arguments.']],
    args: [{ name: 'section', type: 'string', flags: ['optional', 'multiple'] }],
    run(ctx, c, argv, out) {
      const names: string[] = [];
      for (let i = 1; i < argv.length; i++) names.push(argv[i].toLowerCase());
      out.verbatim(genInfo(ctx, names));
    },
  },
  {
    // TIME
    name: 'time',
    arity: 1,
    flags: ['loading', 'stale', 'fast'],
    acl: [],
    tips: ['nondeterministic_output'],
    ...SERVER,
    since: '2.6.0',
    complexity: 'O(1)',
    summary: 'Returns the server time.',
    run(ctx, c, argv, out) {
      const now = performance.timeOrigin + performance.now();
      const sec = Math.floor(now / 1000);
      out.array(2);
      out.bulkLatin1(String(sec));
      out.bulkLatin1(String(Math.floor((now - sec * 1000) * 1000)));
    },
  },
  {
    // LASTSAVE
    name: 'lastsave',
    arity: 1,
    flags: ['loading', 'stale', 'fast'],
    acl: ['admin', 'dangerous'],
    tips: ['nondeterministic_output'],
    ...SERVER,
    since: '1.0.0',
    complexity: 'O(1)',
    summary: 'Returns the Unix time of the last successful save.',
    run(ctx, c, argv, out) {
      out.integer(serverState(ctx).lastSave);
    },
  },
  {
    // SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]
    name: 'shutdown',
    arity: -1,
    flags: ['admin', 'noscript', 'loading', 'stale', 'no_multi', 'allow_busy'],
    acl: [],
    ...SERVER,
    since: '1.0.0',
    complexity: 'O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)',
    summary: 'Stops the server, optionally saving first.',
    history: [['7.0.0', 'Added the `NOW`, `FORCE` and `ABORT` modifiers.']],
    args: [
      {
        name: 'nosave_save',
        type: 'oneof',
        flags: ['optional'],
        arguments: [
          { name: 'nosave', type: 'pure-token', token: 'NOSAVE' },
          { name: 'save', type: 'pure-token', token: 'SAVE' },
        ],
      },
      { name: 'now', type: 'pure-token', token: 'NOW', since: '7.0.0', flags: ['optional'] },
      { name: 'force', type: 'pure-token', token: 'FORCE', since: '7.0.0', flags: ['optional'] },
      { name: 'abort', type: 'pure-token', token: 'ABORT', since: '7.0.0', flags: ['optional'] },
    ],
    run: shutdown,
  },
  {
    // MONITOR
    name: 'monitor',
    arity: 1,
    flags: ADMIN_FLAGS,
    acl: [],
    ...SERVER,
    since: '1.0.0',
    summary: 'Streams every command the server processes.',
    run(ctx, c, argv, out) {
      // A second MONITOR gets no reply at all, as in Redis.
      if (c.flags & CLIENT_MONITOR) return;
      c.flags |= CLIENT_MONITOR;
      ctx.monitors.add(c);
      out.ok();
    },
  },
  container('slowlog', '2.2.12', 'A container for slow log commands.', [
    {
      // SLOWLOG GET [count]
      name: 'get',
      arity: -2,
      flags: ['admin', 'loading', 'stale'],
      acl: [],
      tips: ['request_policy:all_nodes', 'nondeterministic_output'],
      ...SERVER,
      since: '2.2.12',
      complexity: 'O(N) where N is the number of entries returned',
      summary: 'Returns the slow log entries.',
      history: [['4.0.0', 'Added client IP address, port and name to the reply.']],
      args: [{ name: 'count', type: 'integer', flags: ['optional'] }],
      run(ctx, c, argv, out) {
        if (argv.length > 3) return out.error(errSubcommandSyntax(cstr(argv[1]), 'slowlog'));
        let count = 10;
        if (argv.length === 3) {
          const n = parseInteger(argv[2]);
          if (n === null || n < -1) return out.error('ERR count should be greater than or equal to -1');
          count = n === -1 ? Infinity : n;
        }
        const entries = slowlogOf(ctx).entries;
        const n = Math.min(count, entries.length);
        out.array(n);
        for (let i = 0; i < n; i++) {
          const e = entries[i];
          out.array(6);
          out.integer(e.id);
          out.integer(e.time);
          out.integer(e.usec);
          out.bulkArray(e.argv);
          out.bulkLatin1(e.addr);
          out.bulkLatin1(e.name);
        }
      },
    },
    {
      // SLOWLOG LEN
      name: 'len',
      arity: 2,
      flags: ['admin', 'loading', 'stale'],
      acl: [],
      tips: ['request_policy:all_nodes', 'response_policy:agg_sum', 'nondeterministic_output'],
      ...SERVER,
      since: '2.2.12',
      complexity: 'O(1)',
      summary: 'Returns the number of entries in the slow log.',
      run(ctx, c, argv, out) {
        out.integer(slowlogOf(ctx).entries.length);
      },
    },
    {
      // SLOWLOG RESET
      name: 'reset',
      arity: 2,
      flags: ['admin', 'loading', 'stale'],
      acl: [],
      tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'],
      ...SERVER,
      since: '2.2.12',
      complexity: 'O(N) where N is the number of entries in the slowlog',
      summary: 'Clears the slow log.',
      run(ctx, c, argv, out) {
        slowlogOf(ctx).reset();
        out.ok();
      },
    },
    {
      // SLOWLOG HELP
      name: 'help',
      arity: 2,
      flags: ['loading', 'stale'],
      acl: [],
      ...SERVER,
      since: '6.2.0',
      complexity: 'O(1)',
      summary: 'Returns helpful text about the different subcommands.',
      run(ctx, c, argv, out) {
        help(out, SLOWLOG_HELP);
      },
    },
  ]),
  container('latency', '2.8.13', 'A container for latency diagnostics commands.', [
    {
      // LATENCY LATEST
      name: 'latest',
      arity: 2,
      flags: ADMIN_FLAGS,
      acl: [],
      tips: ['nondeterministic_output', 'request_policy:all_nodes', 'response_policy:special'],
      ...SERVER,
      since: '2.8.13',
      complexity: 'O(1)',
      summary: 'Returns the latest latency samples for all events.',
      run(ctx, c, argv, out) {
        const events = latencyOf(ctx).events;
        out.array(events.size);
        for (const [name, ev] of events) {
          const last = ev.samples[ev.samples.length - 1];
          out.array(4);
          out.bulkLatin1(name);
          out.integer(last.time);
          out.integer(last.latency);
          out.integer(ev.max);
        }
      },
    },
    {
      // LATENCY HISTORY event
      name: 'history',
      arity: 3,
      flags: ADMIN_FLAGS,
      acl: [],
      tips: ['nondeterministic_output', 'request_policy:all_nodes', 'response_policy:special'],
      ...SERVER,
      since: '2.8.13',
      complexity: 'O(1)',
      summary: 'Returns timestamp-latency samples for an event.',
      args: [{ name: 'event', type: 'string' }],
      run(ctx, c, argv, out) {
        const ev = latencyOf(ctx).events.get(argv[2]);
        if (!ev) return out.array(0);
        out.array(ev.samples.length);
        for (const s of ev.samples) {
          out.array(2);
          out.integer(s.time);
          out.integer(s.latency);
        }
      },
    },
    {
      // LATENCY GRAPH event
      name: 'graph',
      arity: 3,
      flags: ADMIN_FLAGS,
      acl: [],
      tips: ['nondeterministic_output', 'request_policy:all_nodes', 'response_policy:special'],
      ...SERVER,
      since: '2.8.13',
      complexity: 'O(1)',
      summary: 'Returns a latency graph for an event.',
      args: [{ name: 'event', type: 'string' }],
      run(ctx, c, argv, out) {
        const name = argv[2];
        const graph = latencyGraph(name, latencyOf(ctx).events.get(name), Math.floor(Date.now() / 1000));
        if (graph === null) return out.error(`ERR No samples available for event '${cstr(argv[2])}'`);
        out.verbatim(graph);
      },
    },
    {
      // LATENCY RESET [event [event ...]]
      name: 'reset',
      arity: -2,
      flags: ADMIN_FLAGS,
      acl: [],
      tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'],
      ...SERVER,
      since: '2.8.13',
      complexity: 'O(1)',
      summary: 'Resets the latency data for one or more events.',
      args: [{ name: 'event', type: 'string', flags: ['optional', 'multiple'] }],
      run(ctx, c, argv, out) {
        out.integer(latencyOf(ctx).reset(argv.slice(2)));
      },
    },
    {
      // LATENCY HISTOGRAM [command [command ...]]
      name: 'histogram',
      arity: -2,
      flags: ADMIN_FLAGS,
      acl: [],
      tips: ['nondeterministic_output', 'request_policy:all_nodes', 'response_policy:special'],
      ...SERVER,
      since: '7.0.0',
      complexity: 'O(N) where N is the number of commands with latency information being retrieved.',
      summary: 'Return the cumulative distribution of latencies of a subset of commands or all.',
      args: [{ name: 'command', type: 'string', flags: ['optional', 'multiple'] }],
      run(ctx, c, argv, out) {
        const picked: Command[] = [];
        if (argv.length === 2) {
          for (const cmd of ctx.table.all()) if (cmd.stats.latency !== null) picked.push(cmd);
        } else {
          // Unknown names are skipped; a container brings its subcommands with samples.
          for (let i = 2; i < argv.length; i++) {
            const cmd = ctx.table.byFullName(argv[i].toLowerCase());
            if (cmd === undefined) continue;
            if (cmd.stats.latency !== null) picked.push(cmd);
            if (cmd.subcommands !== null) for (const sub of cmd.subcommands.values()) if (sub.stats.latency !== null) picked.push(sub);
          }
        }
        out.map(picked.length);
        for (const cmd of picked) {
          const h = cmd.stats.latency!;
          out.bulkLatin1(cmd.fullName);
          out.map(2);
          out.bulkLatin1('calls');
          out.integer(h.total);
          out.bulkLatin1('histogram_usec');
          const steps = h.distribution();
          out.map(steps.length);
          for (const [usec, calls] of steps) {
            out.integer(usec);
            out.integer(calls);
          }
        }
      },
    },
    {
      // LATENCY DOCTOR
      name: 'doctor',
      arity: 2,
      flags: ADMIN_FLAGS,
      acl: [],
      tips: ['nondeterministic_output', 'request_policy:all_nodes', 'response_policy:special'],
      ...SERVER,
      since: '2.8.13',
      complexity: 'O(1)',
      summary: 'Returns a human-readable latency analysis report.',
      run(ctx, c, argv, out) {
        const lat = latencyOf(ctx);
        if (ctx.config.latencyThreshold === 0 && lat.events.size === 0) {
          return out.verbatim(
            'I\'m sorry, Dave, I can\'t do that. Latency monitoring is disabled in this Redis instance. You may use "CONFIG SET latency-monitor-threshold <milliseconds>." in order to enable it. If we weren\'t in a deep space mission I\'d suggest to take a look at https://redis.io/topics/latency-monitor.\n',
          );
        }
        if (lat.events.size === 0) {
          return out.verbatim('Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sleep tonight.\n');
        }
        let text = 'Dave, I have observed latency spikes in this Redis instance. You don\'t mind talking about it, do you Dave?\n\n';
        let i = 1;
        for (const [name, ev] of lat.events) {
          let sum = 0;
          for (const s of ev.samples) sum += s.latency;
          const avg = Math.round(sum / ev.samples.length);
          text += `${i++}. ${name}: ${ev.samples.length} latency spikes (average ${avg}ms, mean deviation 0ms, period 0 sec). Worst all time event ${ev.max}ms.\n`;
        }
        text += '\nI have a few advices for you:\n\n- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n';
        out.verbatim(text);
      },
    },
    {
      // LATENCY HELP
      name: 'help',
      arity: 2,
      flags: ['loading', 'stale'],
      acl: [],
      ...SERVER,
      since: '2.8.13',
      complexity: 'O(1)',
      summary: 'Returns helpful text about the different subcommands.',
      run(ctx, c, argv, out) {
        help(out, LATENCY_HELP);
      },
    },
  ]),
  container('memory', '4.0.0', 'A container for memory diagnostics commands.', [
    {
      // MEMORY USAGE key [SAMPLES count]
      name: 'usage',
      arity: -3,
      flags: ['readonly'],
      acl: [],
      keySpecs: [{ flags: ['RO'], begin: { index: 2 }, find: { range: { lastkey: 0, keystep: 1, limit: 0 } } }],
      ...SERVER,
      since: '4.0.0',
      complexity: 'O(N) where N is the number of samples.',
      summary: 'Estimates the memory usage of a key.',
      args: [
        { name: 'key', type: 'key', key_spec_index: 0 },
        { name: 'count', type: 'integer', token: 'SAMPLES', flags: ['optional'] },
      ],
      run(ctx, c, argv, out) {
        let samples = 5;
        for (let i = 3; i < argv.length; i++) {
          if (eqi(argv[i], 'samples') && i + 1 < argv.length) {
            const n = parseInteger(argv[++i]);
            if (n === null) return out.error(Err.NOT_INTEGER);
            // Redis reads 0 as "every element".
            samples = n === 0 ? 0 : n;
          } else {
            return out.error(Err.SYNTAX);
          }
        }
        const key = argv[2];
        const obj = c.db.lookup(key);
        if (obj === undefined) return out.null();
        out.integer(objectMemory(key, obj, samples));
      },
    },
    {
      // MEMORY STATS
      name: 'stats',
      arity: 2,
      flags: [],
      acl: [],
      tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'],
      ...SERVER,
      since: '4.0.0',
      complexity: 'O(1)',
      summary: 'Returns details about memory usage.',
      run(ctx, c, argv, out) {
        const m = process.memoryUsage();
        const used = usedMemory();
        const peak = Math.max(serverState(ctx).usedMemoryPeak, used);
        let keys = 0;
        for (const db of ctx.keyspace.dbs) keys += db.size;
        const startup = Math.min(used, serverState(ctx).startupMemory);
        const head: [string, number][] = [
          ['peak.allocated', peak],
          ['total.allocated', used],
          ['startup.allocated', startup],
          ['replication.backlog', 0],
          ['clients.slaves', 0],
          ['clients.normal', 0],
          ['cluster.links', 0],
          ['aof.buffer', 0],
          ['lua.caches', 0],
          ['functions.caches', 0],
        ];
        const dbs = ctx.keyspace.dbs.filter((db) => db.size > 0);
        const ratio = (a: number, b: number) => (b ? a / b : 0);
        out.map(head.length + dbs.length + 17);
        for (const [k, v] of head) {
          out.bulkLatin1(k);
          out.integer(v);
        }
        for (const db of dbs) {
          out.bulkLatin1(`db.${db.id}`);
          out.map(2);
          out.bulkLatin1('overhead.hashtable.main');
          out.integer(db.size * 24);
          out.bulkLatin1('overhead.hashtable.expires');
          out.integer(db.expires.size * 24);
        }
        const ints = (pairs: [string, number][]) => {
          for (const [k, v] of pairs) {
            out.bulkLatin1(k);
            out.integer(v);
          }
        };
        const dbl = (k: string, v: number) => {
          out.bulkLatin1(k);
          out.double(v);
        };
        ints([
          ['overhead.total', startup],
          ['keys.count', keys],
          ['keys.bytes-per-key', keys ? Math.floor((used - startup) / keys) : 0],
          ['dataset.bytes', used - startup],
        ]);
        dbl('dataset.percentage', ratio((used - startup) * 100, used));
        dbl('peak.percentage', ratio(used * 100, peak));
        ints([
          ['allocator.allocated', m.heapUsed],
          ['allocator.active', m.heapTotal],
          ['allocator.resident', m.rss],
        ]);
        dbl('allocator-fragmentation.ratio', ratio(m.heapTotal, m.heapUsed));
        ints([['allocator-fragmentation.bytes', m.heapTotal - m.heapUsed]]);
        dbl('allocator-rss.ratio', ratio(m.rss, m.heapTotal));
        ints([['allocator-rss.bytes', m.rss - m.heapTotal]]);
        dbl('rss-overhead.ratio', 1);
        ints([['rss-overhead.bytes', 0]]);
        dbl('fragmentation', ratio(m.rss, used));
        out.bulkLatin1('fragmentation.bytes');
        out.integer(m.rss - used);
      },
    },
    {
      // MEMORY DOCTOR
      name: 'doctor',
      arity: 2,
      flags: [],
      acl: [],
      tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'],
      ...SERVER,
      since: '4.0.0',
      complexity: 'O(1)',
      summary: 'Reports memory problems and advice.',
      run(ctx, c, argv, out) {
        // Redis judges by memory allocated; ours counts from what the process held at start.
        if (usedMemory() - serverState(ctx).startupMemory < 5 * 1024 * 1024) {
          return out.verbatim(
            "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n",
          );
        }
        out.verbatim("Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n");
      },
    },
    {
      // MEMORY MALLOC-STATS
      name: 'malloc-stats',
      arity: 2,
      flags: [],
      acl: [],
      tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'],
      ...SERVER,
      since: '4.0.0',
      complexity: 'Depends on how much memory is allocated, could be slow',
      summary: 'Returns the allocator statistics.',
      run(ctx, c, argv, out) {
        out.verbatim('Stats not supported for the current allocator');
      },
    },
    {
      // MEMORY PURGE
      name: 'purge',
      arity: 2,
      flags: [],
      acl: [],
      tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
      ...SERVER,
      since: '4.0.0',
      complexity: 'Depends on how much memory is allocated, could be slow',
      summary: 'Asks the allocator to release memory.',
      run(ctx, c, argv, out) {
        out.ok();
      },
    },
    {
      // MEMORY HELP
      name: 'help',
      arity: 2,
      flags: ['loading', 'stale'],
      acl: [],
      ...SERVER,
      since: '4.0.0',
      complexity: 'O(1)',
      summary: 'Returns helpful text about the different subcommands.',
      run(ctx, c, argv, out) {
        help(out, MEMORY_HELP);
      },
    },
  ]),
  debugCommand,
];
