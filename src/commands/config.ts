/**
 * CONFIG GET|SET|RESETSTAT|REWRITE|HELP.
 */
import { createHash } from 'node:crypto';
import type { CommandSpec } from './spec.js';
import type { ServerContext } from '../server/context.js';
import type { ConfigDef } from '../config/schema.js';
import { Err, errConfigSetFailed, errConfigSetUnknown } from '../errors.js';
import { globMatchNoCase } from '../keyspace/glob.js';
import { rewriteConfigFile } from '../config/rewrite.js';
import { cstr } from './args.js';
import { canSuspend, resumed, suspend, type Finish } from '../server/suspend.js';

const CONFIG_HELP = [
  'CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
  'HELP',
  '    Prints this help.',
];

/** Hooks other subsystems add to CONFIG RESETSTAT (their own counters). */
export function resetStatHooks(ctx: ServerContext): (() => void)[] {
  let h = ctx.ext.resetStatHooks as (() => void)[] | undefined;
  if (!h) ctx.ext.resetStatHooks = h = [];
  return h;
}

/** Counters INFO shows, back to zero (what Redis's resetServerStats and resetCommandTableStats clear). */
export function resetStats(ctx: ServerContext): void {
  const st = ctx.stats;
  st.totalCommands = 0;
  st.totalConnections = 0;
  st.rejectedConnections = 0;
  st.netInputBytes = 0;
  st.netOutputBytes = 0;
  st.totalErrorReplies = 0;
  st.errorCodes.clear();
  const ks = ctx.keyspace.stats;
  ks.keyspaceHits = 0;
  ks.keyspaceMisses = 0;
  ks.expiredKeys = 0;
  ks.evictedKeys = 0;
  ks.expiredStalePerc = 0;
  for (const cmd of ctx.table.all()) {
    cmd.stats.calls = 0;
    cmd.stats.usec = 0;
    cmd.stats.rejected = 0;
    cmd.stats.failed = 0;
    cmd.stats.latency = null;
  }
  for (const h of resetStatHooks(ctx)) h();
}

/** The ACL "user" lines CONFIG REWRITE writes; the ACL module provides its own when present. */
function userLines(ctx: ServerContext): string[] {
  const acl = ctx.ext.aclRewriteLines as (() => string[]) | undefined;
  if (acl) return acl();
  const pass = ctx.config.requirePass;
  const auth = pass === '' ? 'nopass' : '#' + createHash('sha256').update(Buffer.from(pass, 'latin1')).digest('hex');
  return [`user default on ${auth} ~* &* +@all`];
}

/** Rewrites the config file the server started with, with the directives other subsystems own; throws on I/O errors. */
export function rewriteServerConfig(ctx: ServerContext, file: string, forceAll = false): void {
  rewriteConfigFile(ctx.config, file, new Map([['user', userLines(ctx)]]), forceAll);
}

const CONTAINER = {
  group: 'server',
  flags: [] as const,
  acl: [] as const,
};

export const configCommands: CommandSpec[] = [
  {
    name: 'config',
    arity: -2,
    ...CONTAINER,
    since: '2.0.0',
    summary: 'A container for server configuration commands.',
    complexity: 'Depends on subcommand.',
    subcommands: [
      {
        // CONFIG GET parameter [parameter ...]
        name: 'get',
        arity: -3,
        flags: ['admin', 'noscript', 'loading', 'stale'],
        acl: [],
        group: 'server',
        since: '2.0.0',
        complexity: 'O(N) when N is the number of configuration parameters provided',
        summary: 'Returns the values of configuration options.',
        history: [['7.0.0', 'Accepts more than one pattern.']],
        args: [{ name: 'parameter', type: 'block', flags: ['multiple'], arguments: [{ name: 'parameter', type: 'string' }] }],
        run(ctx, c, argv, out) {
          // Keyed by canonical name so two spellings of one option answer once; the first spelling wins.
          const matches = new Map<string, [string, ConfigDef]>();
          const seenNames = new Set<string>();
          for (let i = 2; i < argv.length; i++) {
            const pat = argv[i];
            if (!/[[*?]/.test(pat)) {
              const def = ctx.config.def(pat);
              const key = pat.toLowerCase();
              if (def && !seenNames.has(key)) {
                seenNames.add(key);
                matches.set(key, [pat, def]);
              }
              continue;
            }
            for (const [name, def] of ctx.config.names()) {
              if (def.hidden || seenNames.has(name)) continue;
              if (globMatchNoCase(pat, name)) {
                seenNames.add(name);
                matches.set(name, [name, def]);
              }
            }
          }
          out.map(matches.size);
          for (const [shown, def] of matches.values()) {
            out.bulkLatin1(shown);
            out.bulkLatin1(ctx.config.get(def.name));
          }
        },
      },
      {
        // CONFIG SET parameter value [parameter value ...]
        name: 'set',
        arity: -4,
        flags: ['admin', 'noscript', 'loading', 'stale'],
        acl: [],
        tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'],
        group: 'server',
        since: '2.0.0',
        complexity: 'O(N) when N is the number of configuration parameters provided',
        summary: 'Sets configuration options at run time.',
        history: [['7.0.0', 'Accepts several parameter-value pairs.']],
        args: [
          {
            name: 'parameter_value',
            type: 'block',
            flags: ['multiple'],
            arguments: [
              { name: 'parameter', type: 'string' },
              { name: 'value', type: 'string' },
            ],
          },
        ],
        run(ctx, c, argv, out) {
          const done = resumed(c);
          if (done !== null) return done(out);
          if (argv.length % 2 !== 0) return out.error(Err.SYNTAX);
          const protectedOk = ctx.config.get('enable-protected-configs');
          const local = c.isUnix || c.addr.startsWith('127.') || c.addr.startsWith('::1');
          const pairs: [ConfigDef, string][] = [];
          const seen = new Set<string>();
          // First every name: unknown, immutable, protected and repeated options fail before any value is parsed.
          for (let i = 2; i < argv.length; i += 2) {
            const typed = argv[i];
            const def = ctx.config.def(typed);
            if (!def) return out.error(errConfigSetUnknown(cstr(typed)));
            if (def.protected && !(protectedOk === 'yes' || (protectedOk === 'local' && local))) {
              return out.error(errConfigSetFailed(typed, "can't set protected config"));
            }
            if (def.immutable) return out.error(errConfigSetFailed(typed, "can't set immutable config"));
            const key = typed.toLowerCase();
            if (seen.has(key)) return out.error(errConfigSetFailed(typed, 'duplicate parameter'));
            seen.add(key);
            pairs.push([def, argv[i + 1]]);
          }
          const fail = ctx.config.setMany(pairs);
          if (fail instanceof Promise) {
            // A listener is opening (port, bind): the reply waits for it, and for the rollback if it fails.
            const settled = fail.then((f): Finish => (o) => (f ? o.error(errConfigSetFailed(f.name, f.reason)) : o.ok()));
            if (canSuspend(ctx, c, 'config|set')) return suspend(ctx, c, settled);
            // Inside MULTI the reply cannot wait: the outcome is only logged (rollback included).
            return out.ok();
          }
          if (fail) return out.error(errConfigSetFailed(fail.name, fail.reason));
          out.ok();
        },
      },
      {
        // CONFIG RESETSTAT
        name: 'resetstat',
        arity: 2,
        flags: ['admin', 'noscript', 'loading', 'stale'],
        acl: [],
        group: 'server',
        since: '2.0.0',
        complexity: 'O(1)',
        summary: 'Resets the server statistics.',
        run(ctx, c, argv, out) {
          // Counters only: the slow log and latency samples keep their entries, as in Redis.
          resetStats(ctx);
          out.ok();
        },
      },
      {
        // CONFIG REWRITE
        name: 'rewrite',
        arity: 2,
        flags: ['admin', 'noscript', 'loading', 'stale'],
        acl: [],
        group: 'server',
        since: '2.8.0',
        complexity: 'O(1)',
        summary: 'Persists the running configuration to the configuration file.',
        run(ctx, c, argv, out) {
          const file = ctx.config.configFile;
          if (!file) return out.error(Err.CONFIG_NO_FILE);
          try {
            rewriteServerConfig(ctx, file);
          } catch (e) {
            ctx.log.warning(`CONFIG REWRITE failed: ${(e as Error).message}`);
            return out.error(`ERR Rewriting config file: ${(e as Error).message}`);
          }
          ctx.log.notice('CONFIG REWRITE executed with success.');
          out.ok();
        },
      },
      {
        // CONFIG HELP
        name: 'help',
        arity: 2,
        flags: ['loading', 'stale'],
        acl: [],
        group: 'server',
        since: '5.0.0',
        complexity: 'O(1)',
        summary: 'Returns helpful text about the different subcommands.',
        run(ctx, c, argv, out) {
          out.array(CONFIG_HELP.length);
          for (const line of CONFIG_HELP) out.simple(line);
        },
      },
    ],
  },
];
