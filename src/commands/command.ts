/**
 * COMMAND and its subcommands: the command table described to clients.
 * Everything here is read from the declarations (spec.ts, resolved by
 * table.ts), so a command added to any family shows up without touching
 * this file. Reply shapes and key-extraction rules are those of Redis 7.0.
 */
import type { ArgDoc, CommandSpec, KeySpec, KeySpecFlag } from './spec.js';
import { ACL_CATEGORY_ORDER, FLAG_ORDER, KEY_SPEC_FLAG_ORDER } from './spec.js';
import type { Command, CommandTable } from './table.js';
import type { ReplyWriter } from '../protocol/writer.js';
import { Err } from '../errors.js';
import { eqi } from './args.js';
import { globMatchNoCase } from '../keyspace/glob.js';

// ---------------------------------------------------------------------------
// COMMAND INFO

function writeFlags(out: ReplyWriter, cmd: Command): void {
  const flags = cmd.spec.flags;
  let n = 0;
  for (const f of FLAG_ORDER) if (f === 'movablekeys' ? cmd.movableKeys : flags.includes(f)) n++;
  out.set(n);
  for (const f of FLAG_ORDER) if (f === 'movablekeys' ? cmd.movableKeys : flags.includes(f)) out.simple(f);
}

function writeKeySpecFlags(out: ReplyWriter, flags: readonly KeySpecFlag[]): void {
  let n = 0;
  for (const f of KEY_SPEC_FLAG_ORDER) if (flags.includes(f)) n++;
  out.set(n);
  for (const f of KEY_SPEC_FLAG_ORDER) if (flags.includes(f)) out.simple(f);
}

function writeKeySpec(out: ReplyWriter, ks: KeySpec): void {
  out.map(ks.notes !== undefined ? 4 : 3);
  if (ks.notes !== undefined) {
    out.bulkText('notes');
    out.bulkText(ks.notes);
  }
  out.bulkText('flags');
  writeKeySpecFlags(out, ks.flags);

  out.bulkText('begin_search');
  out.map(2);
  out.bulkText('type');
  const b = ks.begin;
  if ('index' in b) {
    out.bulkText('index');
    out.bulkText('spec');
    out.map(1);
    out.bulkText('index');
    out.integer(b.index);
  } else if ('keyword' in b) {
    out.bulkText('keyword');
    out.bulkText('spec');
    out.map(2);
    out.bulkText('keyword');
    out.bulkText(b.keyword);
    out.bulkText('startfrom');
    out.integer(b.startfrom);
  } else {
    out.bulkText('unknown');
    out.bulkText('spec');
    out.map(0);
  }

  out.bulkText('find_keys');
  out.map(2);
  out.bulkText('type');
  const f = ks.find;
  if ('range' in f) {
    out.bulkText('range');
    out.bulkText('spec');
    out.map(3);
    out.bulkText('lastkey');
    out.integer(f.range.lastkey);
    out.bulkText('keystep');
    out.integer(f.range.keystep);
    out.bulkText('limit');
    out.integer(f.range.limit);
  } else if ('keynum' in f) {
    out.bulkText('keynum');
    out.bulkText('spec');
    out.map(3);
    out.bulkText('keynumidx');
    out.integer(f.keynum.keynumidx);
    out.bulkText('firstkey');
    out.integer(f.keynum.firstkey);
    out.bulkText('keystep');
    out.integer(f.keynum.keystep);
  } else {
    out.bulkText('unknown');
    out.bulkText('spec');
    out.map(0);
  }
}

/** One COMMAND INFO entry; null for a name that resolves to nothing. */
export function writeCommandInfo(out: ReplyWriter, cmd: Command | undefined): void {
  if (cmd === undefined) return out.null();
  const spec = cmd.spec;
  out.array(10);
  out.bulkText(cmd.fullName);
  out.integer(spec.arity);
  writeFlags(out, cmd);
  out.integer(cmd.firstKey);
  out.integer(cmd.lastKey);
  out.integer(cmd.keyStep);
  out.set(cmd.acl.length);
  for (const cat of cmd.acl) out.simple('@' + cat);
  const tips = spec.tips ?? [];
  out.set(tips.length);
  for (const t of tips) out.bulkText(t);
  const specs = spec.keySpecs ?? [];
  out.set(specs.length);
  for (const ks of specs) writeKeySpec(out, ks);
  // Redis answers an empty set when there are no subcommands, but an array when there are.
  if (cmd.subcommands === null) {
    out.set(0);
  } else {
    out.array(cmd.subcommands.size);
    for (const sub of cmd.subcommands.values()) writeCommandInfo(out, sub);
  }
}

// ---------------------------------------------------------------------------
// COMMAND DOCS

const ARG_FLAG_ORDER = ['optional', 'multiple', 'multiple_token'] as const;
const DOC_FLAG_ORDER = ['deprecated', 'syscmd'] as const;

function writeArgs(out: ReplyWriter, args: readonly ArgDoc[]): void {
  out.array(args.length);
  for (const a of args) {
    const nested = a.type === 'oneof' || a.type === 'block';
    const flags = a.flags ?? [];
    let n = 2;
    if (a.key_spec_index !== undefined) n++;
    if (a.token !== undefined) n++;
    if (a.summary !== undefined) n++;
    if (a.since !== undefined) n++;
    if (a.deprecated_since !== undefined) n++;
    if (flags.length > 0) n++;
    if (nested) n++;
    out.map(n);
    out.bulkText('name');
    out.bulkText(a.name);
    out.bulkText('type');
    out.bulkText(a.type);
    if (a.key_spec_index !== undefined) {
      out.bulkText('key_spec_index');
      out.integer(a.key_spec_index);
    }
    if (a.token !== undefined) {
      out.bulkText('token');
      out.bulkText(a.token);
    }
    if (a.summary !== undefined) {
      out.bulkText('summary');
      out.bulkText(a.summary);
    }
    if (a.since !== undefined) {
      out.bulkText('since');
      out.bulkText(a.since);
    }
    if (a.deprecated_since !== undefined) {
      out.bulkText('deprecated_since');
      out.bulkText(a.deprecated_since);
    }
    if (flags.length > 0) {
      out.bulkText('flags');
      out.set(ARG_FLAG_ORDER.filter((f) => flags.includes(f)).length);
      for (const f of ARG_FLAG_ORDER) if (flags.includes(f)) out.simple(f);
    }
    if (nested) {
      out.bulkText('arguments');
      writeArgs(out, a.arguments ?? []);
    }
  }
}

/** The documentation map of one command (the caller writes its name first). */
export function writeCommandDocs(out: ReplyWriter, cmd: Command): void {
  const s: CommandSpec = cmd.spec;
  const docFlags = s.docFlags ?? [];
  const history = s.history ?? [];
  const args = s.args ?? [];
  let n = 3;
  if (s.complexity !== undefined) n++;
  if (docFlags.length > 0) n++;
  if (s.deprecatedSince !== undefined) n++;
  if (s.replacedBy !== undefined) n++;
  if (history.length > 0) n++;
  if (args.length > 0) n++;
  if (cmd.subcommands !== null) n++;
  out.map(n);
  out.bulkText('summary');
  out.bulkText(s.summary);
  out.bulkText('since');
  out.bulkText(s.since);
  out.bulkText('group');
  out.bulkText(s.group);
  if (s.complexity !== undefined) {
    out.bulkText('complexity');
    out.bulkText(s.complexity);
  }
  if (docFlags.length > 0) {
    out.bulkText('doc_flags');
    out.set(DOC_FLAG_ORDER.filter((f) => docFlags.includes(f)).length);
    for (const f of DOC_FLAG_ORDER) if (docFlags.includes(f)) out.simple(f);
  }
  if (s.deprecatedSince !== undefined) {
    out.bulkText('deprecated_since');
    out.bulkText(s.deprecatedSince);
  }
  if (s.replacedBy !== undefined) {
    out.bulkText('replaced_by');
    out.bulkText(s.replacedBy);
  }
  if (history.length > 0) {
    out.bulkText('history');
    out.set(history.length);
    for (const [version, text] of history) {
      out.array(2);
      out.bulkText(version);
      out.bulkText(text);
    }
  }
  if (args.length > 0) {
    out.bulkText('arguments');
    writeArgs(out, args);
  }
  if (cmd.subcommands !== null) {
    out.bulkText('subcommands');
    out.map(cmd.subcommands.size);
    for (const sub of cmd.subcommands.values()) {
      out.bulkText(sub.fullName);
      writeCommandDocs(out, sub);
    }
  }
}

// ---------------------------------------------------------------------------
// COMMAND GETKEYS / GETKEYSANDFLAGS

/** Whether the command has keys at all: a key finder, or a spec that names real keys. */
function hasKeys(cmd: Command): boolean {
  return cmd.spec.getKeys !== undefined || (cmd.spec.keySpecs ?? []).some((ks) => !ks.flags.includes('not_key'));
}

/** Resolves argv[0] (and argv[1] for a container) as dispatch does. */
function lookupArgv(table: CommandTable, argv: string[]): Command | undefined {
  const base = table.lookup(argv[0]);
  if (base === undefined || argv.length === 1 || base.subcommands === null) return base;
  return base.subcommands.get(argv[1].toLowerCase());
}

function getKeys(table: CommandTable, argv: string[], out: ReplyWriter, withFlags: boolean): void {
  const target = argv.slice(2);
  const cmd = lookupArgv(table, target);
  if (cmd === undefined) return out.error(Err.GETKEYS_INVALID_COMMAND);
  if (!hasKeys(cmd)) return out.error(Err.GETKEYS_NO_KEYS);
  const arity = cmd.spec.arity;
  if ((arity > 0 && target.length !== arity) || target.length < -arity) return out.error(Err.GETKEYS_INVALID_ARG_COUNT);
  const keys = cmd.keys(target);
  if (keys.length === 0) {
    if (cmd.spec.flags.includes('no_mandatory_keys')) return out.array(0);
    return out.error(Err.GETKEYS_INVALID_ARGS);
  }
  out.array(keys.length);
  for (const k of keys) {
    if (!withFlags) {
      out.bulkLatin1(target[k.pos]);
      continue;
    }
    out.array(2);
    out.bulkLatin1(target[k.pos]);
    // What a spec says about how keys are found is not a flag of the key itself.
    writeKeySpecFlags(
      out,
      k.flags.filter((f) => f !== 'incomplete' && f !== 'variable_flags'),
    );
  }
}

// ---------------------------------------------------------------------------
// COMMAND LIST

function listFilter(kind: string, arg: string): (cmd: Command) => boolean {
  if (kind === 'module') return () => false; // no modules: nothing belongs to one
  if (kind === 'aclcat') {
    const cat = ACL_CATEGORY_ORDER.find((c) => c === arg.toLowerCase());
    return cat === undefined ? () => false : (cmd) => cmd.acl.includes(cat);
  }
  return (cmd) => globMatchNoCase(arg, cmd.fullName);
}

const HELP = [
  'COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  '(no subcommand)',
  '    Describe every command the server knows.',
  'COUNT',
  '    Count the commands the server knows.',
  'LIST [FILTERBY (MODULE <module-name>|ACLCAT <category>|PATTERN <pattern>)]',
  '    Name every command and subcommand, optionally only those matching a filter.',
  'INFO [<command-name> ...]',
  '    Describe the given commands (every command when none is named).',
  'DOCS [<command-name> ...]',
  '    Document the given commands (every command when none is named).',
  'GETKEYS <full-command>',
  '    Extract the key names from a complete command line.',
  'GETKEYSANDFLAGS <full-command>',
  '    Extract the key names and how each is accessed from a complete command line.',
  'HELP',
  '    Print this help.',
];

// ---------------------------------------------------------------------------
// Declarations

const FLAGS = ['loading', 'stale'] as const;
const ACL = ['connection'] as const;
const GROUP = 'server';

function writeAllInfo(table: CommandTable, out: ReplyWriter): void {
  out.array(table.commands.size);
  for (const cmd of table.commands.values()) writeCommandInfo(out, cmd);
}

export const commandCommands: CommandSpec[] = [
  {
    // COMMAND: with no subcommand, COMMAND INFO for every command
    name: 'command',
    arity: -1,
    flags: FLAGS,
    acl: ACL,
    tips: ['nondeterministic_output_order'],
    group: GROUP,
    since: '2.8.13',
    complexity: 'O(N) where N is the total number of Redis commands',
    summary: 'Describes every command the server implements.',
    run(ctx, c, argv, out) {
      writeAllInfo(ctx.table, out);
    },
    subcommands: [
      {
        // COMMAND COUNT
        name: 'count',
        arity: 2,
        flags: FLAGS,
        acl: ACL,
        group: GROUP,
        since: '2.8.13',
        complexity: 'O(1)',
        summary: 'Counts the commands the server implements.',
        run(ctx, c, argv, out) {
          out.integer(ctx.table.commands.size);
        },
      },
      {
        // COMMAND DOCS [command-name ...]
        name: 'docs',
        arity: -2,
        flags: FLAGS,
        acl: ACL,
        tips: ['nondeterministic_output_order'],
        group: GROUP,
        since: '7.0.0',
        complexity: 'O(N) where N is the number of commands to look up',
        summary: 'Returns the documentation of the named commands, or of all of them.',
        args: [{ name: 'command-name', type: 'string', flags: ['optional', 'multiple'] }],
        run(ctx, c, argv, out) {
          if (argv.length === 2) {
            out.map(ctx.table.commands.size);
            for (const cmd of ctx.table.commands.values()) {
              out.bulkText(cmd.fullName);
              writeCommandDocs(out, cmd);
            }
            return;
          }
          // Unknown names are left out of the map rather than answered with null.
          const found: Command[] = [];
          for (let i = 2; i < argv.length; i++) {
            const cmd = ctx.table.byFullName(argv[i].toLowerCase());
            if (cmd !== undefined) found.push(cmd);
          }
          out.map(found.length);
          for (const cmd of found) {
            out.bulkText(cmd.fullName);
            writeCommandDocs(out, cmd);
          }
        },
      },
      {
        // COMMAND GETKEYS command [arg ...]
        name: 'getkeys',
        arity: -4,
        flags: FLAGS,
        acl: ACL,
        group: GROUP,
        since: '2.8.13',
        complexity: 'O(N) where N is the number of arguments to the command',
        summary: 'Extracts the key names from a complete command line.',
        run(ctx, c, argv, out) {
          getKeys(ctx.table, argv, out, false);
        },
      },
      {
        // COMMAND GETKEYSANDFLAGS command [arg ...]
        name: 'getkeysandflags',
        arity: -4,
        flags: FLAGS,
        acl: ACL,
        group: GROUP,
        since: '7.0.0',
        complexity: 'O(N) where N is the number of arguments to the command',
        summary: 'Extracts the key names, and how each is accessed, from a complete command line.',
        run(ctx, c, argv, out) {
          getKeys(ctx.table, argv, out, true);
        },
      },
      {
        // COMMAND HELP
        name: 'help',
        arity: 2,
        flags: FLAGS,
        acl: ACL,
        group: GROUP,
        since: '5.0.0',
        complexity: 'O(1)',
        summary: 'Explains the COMMAND subcommands.',
        run(ctx, c, argv, out) {
          out.array(HELP.length);
          for (const line of HELP) out.simple(line);
        },
      },
      {
        // COMMAND INFO [command-name ...]
        name: 'info',
        arity: -2,
        flags: FLAGS,
        acl: ACL,
        tips: ['nondeterministic_output_order'],
        group: GROUP,
        since: '2.8.13',
        complexity: 'O(N) where N is the number of commands to look up',
        summary: 'Describes the named commands, or all of them.',
        history: [['7.0.0', 'Without arguments, describes every command.']],
        args: [{ name: 'command-name', type: 'string', flags: ['optional', 'multiple'] }],
        run(ctx, c, argv, out) {
          if (argv.length === 2) return writeAllInfo(ctx.table, out);
          out.array(argv.length - 2);
          for (let i = 2; i < argv.length; i++) writeCommandInfo(out, ctx.table.byFullName(argv[i].toLowerCase()));
        },
      },
      {
        // COMMAND LIST [FILTERBY MODULE module-name|ACLCAT category|PATTERN pattern]
        name: 'list',
        arity: -2,
        flags: FLAGS,
        acl: ACL,
        tips: ['nondeterministic_output_order'],
        group: GROUP,
        since: '7.0.0',
        complexity: 'O(N) where N is the total number of Redis commands',
        summary: 'Names every command, optionally only those matching a filter.',
        args: [
          {
            name: 'filterby',
            type: 'oneof',
            token: 'FILTERBY',
            flags: ['optional'],
            arguments: [
              { name: 'module-name', type: 'string', token: 'MODULE' },
              { name: 'category', type: 'string', token: 'ACLCAT' },
              { name: 'pattern', type: 'pattern', token: 'PATTERN' },
            ],
          },
        ],
        run(ctx, c, argv, out) {
          let filter: ((cmd: Command) => boolean) | null = null;
          // FILTERBY must be the last three words; anything else is a syntax error.
          for (let i = 2; i < argv.length; i++) {
            const more = argv.length - 1 - i;
            if (!eqi(argv[i], 'filterby') || more !== 2) return out.error(Err.SYNTAX);
            const kind = argv[i + 1].toLowerCase();
            if (kind !== 'module' && kind !== 'aclcat' && kind !== 'pattern') return out.error(Err.SYNTAX);
            filter = listFilter(kind, argv[i + 2]);
            i += 2;
          }
          const names: string[] = [];
          for (const cmd of ctx.table.all()) if (filter === null || filter(cmd)) names.push(cmd.fullName);
          out.array(names.length);
          for (const n of names) out.bulkText(n);
        },
      },
    ],
  },
];
