/**
 * CLIENT TRACKING, CLIENT CACHING, CLIENT GETREDIR, CLIENT TRACKINGINFO:
 * subcommand specs pushed, when this module loads, into the CLIENT
 * container's clientSubcommands array (src/commands/client.ts), before
 * any command table is built.
 */
import type { CommandSpec } from '../commands/spec.js';
import { clientSubcommands } from '../commands/client.js';
import { Err, errTrackingPrefixOverlap } from '../errors.js';
import { eqi, parseInteger } from '../commands/args.js';
import { trackingOf, type TrackingOptions } from './tracking.js';

const FLAGS = ['noscript', 'loading', 'stale'] as const;

/** One of the two strings begins the other (Redis's stringCheckPrefix). */
function overlaps(a: string, b: string): boolean {
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

export const trackingSubcommands: CommandSpec[] = [
  {
    // CLIENT TRACKING ON|OFF [REDIRECT client-id] [PREFIX prefix [PREFIX prefix ...]] [BCAST] [OPTIN] [OPTOUT] [NOLOOP]
    name: 'tracking',
    arity: -3,
    flags: FLAGS,
    acl: ['connection'],
    group: 'connection',
    since: '6.0.0',
    complexity: 'O(1). Some options may introduce additional complexity.',
    summary: 'Turns server-assisted client-side caching on or off for the connection.',
    args: [
      {
        name: 'status',
        type: 'oneof',
        arguments: [
          { name: 'on', type: 'pure-token', token: 'ON' },
          { name: 'off', type: 'pure-token', token: 'OFF' },
        ],
      },
      { name: 'client-id', type: 'integer', token: 'REDIRECT', flags: ['optional'] },
      { name: 'prefix', type: 'string', token: 'PREFIX', flags: ['optional', 'multiple', 'multiple_token'] },
      { name: 'bcast', type: 'pure-token', token: 'BCAST', flags: ['optional'] },
      { name: 'optin', type: 'pure-token', token: 'OPTIN', flags: ['optional'] },
      { name: 'optout', type: 'pure-token', token: 'OPTOUT', flags: ['optional'] },
      { name: 'noloop', type: 'pure-token', token: 'NOLOOP', flags: ['optional'] },
    ],
    run(ctx, c, argv, out) {
      const t = trackingOf(ctx);
      let redirect = 0;
      const opts: TrackingOptions = { bcast: false, optin: false, optout: false, noloop: false };
      const prefixes: string[] = [];
      for (let j = 3; j < argv.length; j++) {
        const more = argv.length - 1 - j > 0;
        if (eqi(argv[j], 'redirect') && more) {
          j++;
          if (redirect !== 0) return out.error(Err.TRACKING_ONE_REDIRECT);
          const id = parseInteger(argv[j]);
          if (id === null) return out.error(Err.NOT_INTEGER);
          // The target must exist now, even if it may go away later.
          if (!ctx.clients.has(id)) return out.error(Err.TRACKING_REDIRECT_MISSING);
          redirect = id;
        } else if (eqi(argv[j], 'bcast')) {
          opts.bcast = true;
        } else if (eqi(argv[j], 'optin')) {
          opts.optin = true;
        } else if (eqi(argv[j], 'optout')) {
          opts.optout = true;
        } else if (eqi(argv[j], 'noloop')) {
          opts.noloop = true;
        } else if (eqi(argv[j], 'prefix') && more) {
          j++;
          prefixes.push(argv[j]);
        } else {
          return out.error(Err.SYNTAX);
        }
      }
      if (eqi(argv[2], 'off')) {
        t.disable(c);
        return out.ok();
      }
      if (!eqi(argv[2], 'on')) return out.error(Err.SYNTAX);
      const s = t.stateOf(c);
      const on = s?.on === true;
      if (!opts.bcast && prefixes.length !== 0) return out.error(Err.TRACKING_PREFIX_NEEDS_BCAST);
      if (on && s!.bcast !== opts.bcast) return out.error(Err.TRACKING_SWITCH_BCAST);
      if (opts.bcast && (opts.optin || opts.optout)) return out.error(Err.TRACKING_BCAST_OPTIN);
      if (opts.optin && opts.optout) return out.error(Err.TRACKING_OPTIN_OPTOUT);
      if (on && ((opts.optin && s!.optout) || (opts.optout && s!.optin))) return out.error(Err.TRACKING_SWITCH_OPTIN);
      if (opts.bcast) {
        for (let i = 0; i < prefixes.length; i++) {
          for (const existing of s?.prefixes ?? []) {
            if (overlaps(existing, prefixes[i])) return out.error(errTrackingPrefixOverlap(prefixes[i], existing, true));
          }
          for (let j = i + 1; j < prefixes.length; j++) {
            if (overlaps(prefixes[i], prefixes[j])) {
              out.error(errTrackingPrefixOverlap(prefixes[i], prefixes[j], false));
              // Redis 7.0 only stops here for the first prefix; for a later one it
              // reports the overlap and then enables tracking anyway, replying OK too.
              if (i === 0) return;
              t.enable(c, redirect, opts, prefixes);
              return out.ok();
            }
          }
        }
      }
      t.enable(c, redirect, opts, prefixes);
      out.ok();
    },
  },
  {
    // CLIENT CACHING YES|NO
    name: 'caching',
    arity: 3,
    flags: FLAGS,
    acl: ['connection'],
    group: 'connection',
    since: '6.0.0',
    complexity: 'O(1)',
    summary: 'Says whether the keys read by the next command are tracked (OPTIN/OPTOUT modes).',
    args: [
      {
        name: 'mode',
        type: 'oneof',
        arguments: [
          { name: 'yes', type: 'pure-token', token: 'YES' },
          { name: 'no', type: 'pure-token', token: 'NO' },
        ],
      },
    ],
    run(ctx, c, argv, out) {
      const s = trackingOf(ctx).stateOf(c);
      if (s === undefined || !s.on) return out.error(Err.CACHING_NOT_TRACKING);
      if (eqi(argv[2], 'yes')) {
        if (!s.optin) return out.error(Err.CACHING_YES_OPTIN);
      } else if (eqi(argv[2], 'no')) {
        if (!s.optout) return out.error(Err.CACHING_NO_OPTOUT);
      } else {
        return out.error(Err.SYNTAX);
      }
      s.caching = true;
      out.ok();
    },
  },
  {
    // CLIENT GETREDIR
    name: 'getredir',
    arity: 2,
    flags: FLAGS,
    acl: ['connection'],
    group: 'connection',
    since: '6.0.0',
    complexity: 'O(1)',
    summary: 'Returns the id invalidations are redirected to: 0 for none, -1 when tracking is off.',
    run(ctx, c, argv, out) {
      const s = trackingOf(ctx).stateOf(c);
      out.integer(s?.on ? s.redirect : -1);
    },
  },
  {
    // CLIENT TRACKINGINFO
    name: 'trackinginfo',
    arity: 2,
    flags: FLAGS,
    acl: ['connection'],
    group: 'connection',
    since: '6.2.0',
    complexity: 'O(1)',
    summary: "Describes the connection's client-side caching state: flags, redirect and prefixes.",
    run(ctx, c, argv, out) {
      const s = trackingOf(ctx).stateOf(c);
      const on = s?.on === true;
      const flags: string[] = [on ? 'on' : 'off'];
      if (s !== undefined && on) {
        if (s.bcast) flags.push('bcast');
        if (s.optin) {
          flags.push('optin');
          if (s.caching) flags.push('caching-yes');
        }
        if (s.optout) {
          flags.push('optout');
          if (s.caching) flags.push('caching-no');
        }
        if (s.noloop) flags.push('noloop');
        if (s.brokenRedir) flags.push('broken_redirect');
      }
      out.map(3);
      out.bulkLatin1('flags');
      out.set(flags.length);
      for (const f of flags) out.bulkLatin1(f);
      out.bulkLatin1('redirect');
      out.integer(on ? s!.redirect : -1);
      out.bulkLatin1('prefixes');
      const prefixes = s === undefined ? [] : [...s.prefixes].sort();
      out.array(prefixes.length);
      for (const p of prefixes) out.bulkLatin1(p);
    },
  },
];

for (const spec of trackingSubcommands) {
  if (!clientSubcommands.some((s) => s.name === spec.name)) clientSubcommands.push(spec);
}
