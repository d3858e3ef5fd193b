/**
 * MODULE: Mnemo cannot load Redis modules (they are native code built
 * against redis-server's API), so the list is always empty and every load
 * fails the way a redis-server fails on a library it cannot open: the same
 * error to the client, the reason in the log.
 */
import { statSync } from 'node:fs';
import type { CommandSpec } from './spec.js';
import type { ServerContext } from '../server/context.js';
import { Err } from '../errors.js';
import { eqi, text } from './args.js';

const MODULE_HELP = [
  'MODULE <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'LIST',
  '    Return a list of loaded modules.',
  'LOAD <path> [<arg> ...]',
  '    Load a module library from <path>, passing to it any optional arguments.',
  'LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]',
  '    Load a module library from <path>, while passing it module configurations and optional arguments.',
  'UNLOAD <name>',
  '    Unload a module.',
  'HELP',
  '    Prints this help.',
];

/** Why the library at path does not load, for the log. */
function loadFailure(ctx: ServerContext, path: string): void {
  let reason = 'Mnemo cannot load native Redis modules.';
  try {
    const st = statSync(path);
    // Redis refuses a file nobody may execute before it tries to open it.
    if (st.isFile() && (st.mode & 0o111) === 0) reason = 'It does not have execute permissions.';
    else if (st.isDirectory()) reason = `${path}: cannot read file data: Is a directory`;
  } catch {
    reason = `${path}: cannot open shared object file: No such file or directory`;
  }
  ctx.log.warning(`Module ${path} failed to load: ${reason}`);
}

/** LOADEX's options as Redis checks them before loading: CONFIG name value pairs, then ARGS and the rest. */
function loadexSyntaxError(argv: string[]): string | null {
  for (let i = 3; i < argv.length; i++) {
    if (eqi(argv[i], 'config')) {
      if (i + 2 >= argv.length) return 'CONFIG specified without name value pair';
      i += 2;
    } else if (eqi(argv[i], 'args')) {
      return null;
    } else {
      return `Syntax Error from arguments to loadex around ${text(argv[i])}.`;
    }
  }
  return null;
}

const SERVER = { group: 'server' } as const;
// 'protected': refused unless enable-module-command allows the client (the gate in server.ts).
const LOADING = ['admin', 'noscript', 'no_async_loading', 'protected'] as const;

export const moduleCommands: CommandSpec[] = [
  {
    name: 'module',
    arity: -2,
    flags: [],
    acl: [],
    ...SERVER,
    since: '4.0.0',
    summary: 'A container for module commands.',
    complexity: 'Depends on subcommand.',
    subcommands: [
      {
        // MODULE HELP
        name: 'help',
        arity: 2,
        flags: ['loading', 'stale'],
        acl: [],
        ...SERVER,
        since: '5.0.0',
        summary: 'Returns helpful text about the different subcommands.',
        complexity: 'O(1)',
        run(ctx, c, argv, out) {
          out.array(MODULE_HELP.length);
          for (const line of MODULE_HELP) out.simple(line);
        },
      },
      {
        // MODULE LIST
        name: 'list',
        arity: 2,
        flags: ['admin', 'noscript'],
        acl: [],
        tips: ['nondeterministic_output_order'],
        ...SERVER,
        since: '4.0.0',
        summary: 'Returns all loaded modules.',
        complexity: 'O(N) where N is the number of loaded modules.',
        run(ctx, c, argv, out) {
          out.array(0);
        },
      },
      {
        // MODULE LOAD path [arg ...]
        name: 'load',
        arity: -3,
        flags: LOADING,
        acl: [],
        ...SERVER,
        since: '4.0.0',
        summary: 'Loads a module.',
        complexity: 'O(1)',
        args: [
          { name: 'path', type: 'string' },
          { name: 'arg', type: 'string', flags: ['optional', 'multiple'] },
        ],
        run(ctx, c, argv, out) {
          loadFailure(ctx, text(argv[2]));
          out.error(Err.MODULE_LOAD_FAILED);
        },
      },
      {
        // MODULE LOADEX path [CONFIG name value ...] [ARGS arg ...]
        name: 'loadex',
        arity: -3,
        flags: LOADING,
        acl: [],
        ...SERVER,
        since: '7.0.0',
        summary: 'Loads a module, with module configuration and arguments.',
        complexity: 'O(1)',
        args: [
          { name: 'path', type: 'string' },
          {
            name: 'configs',
            type: 'block',
            token: 'CONFIG',
            flags: ['optional', 'multiple', 'multiple_token'],
            arguments: [
              { name: 'name', type: 'string' },
              { name: 'value', type: 'string' },
            ],
          },
          { name: 'args', type: 'block', token: 'ARGS', flags: ['optional', 'multiple'], arguments: [{ name: 'arg', type: 'string' }] },
        ],
        run(ctx, c, argv, out) {
          const syntax = loadexSyntaxError(argv);
          if (syntax !== null) ctx.log.notice(syntax);
          else loadFailure(ctx, text(argv[2]));
          out.error(Err.MODULE_LOAD_FAILED);
        },
      },
      {
        // MODULE UNLOAD name
        name: 'unload',
        arity: 3,
        flags: LOADING,
        acl: [],
        ...SERVER,
        since: '4.0.0',
        summary: 'Unloads a module.',
        complexity: 'O(1)',
        args: [{ name: 'name', type: 'string' }],
        run(ctx, c, argv, out) {
          out.error(Err.MODULE_UNLOAD_NO_SUCH);
        },
      },
    ],
  },
];
