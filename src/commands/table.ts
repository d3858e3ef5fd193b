/**
 * The command table: every family's declarations, resolved once at start-up
 * into what dispatch and COMMAND need (implied ACL categories, the legacy
 * first/last/step range, movablekeys, full names of subcommands).
 */
import type { AclCategory, CommandFlag, CommandSpec, KeySpec } from './spec.js';
import { ACL_CATEGORY_ORDER } from './spec.js';
import { families } from './families.js';
import { eqi } from './args.js';
import { compileKeyExtractor, type KeyRef } from './keys-extract.js';
import type { LatencyHistogram } from '../server/histogram.js';

export interface Command {
  spec: CommandSpec;
  /** "get", or "config|get" for a subcommand. */
  fullName: string;
  parent: Command | null;
  subcommands: Map<string, Command> | null;
  acl: AclCategory[];
  /** Bit set over ACL_CATEGORY_ORDER, for ACL checks. */
  aclBits: number;
  firstKey: number;
  lastKey: number;
  keyStep: number;
  movableKeys: boolean;
  /** Where this command line's keys are and how each is accessed (keys-extract.ts). */
  keys: (argv: string[]) => readonly KeyRef[];
  isWrite: boolean;
  isReadonly: boolean;
  /** The declared flags, for O(1) checks on the hot path. */
  flags: ReadonlySet<CommandFlag>;
  /** The top-level command's name ("client" for CLIENT LIST). */
  topName: string;
  /** Mutable per-command statistics (INFO commandstats). */
  stats: { calls: number; usec: number; rejected: number; failed: number; latency: LatencyHistogram | null };
}

function impliedCategories(spec: CommandSpec): AclCategory[] {
  const set = new Set<AclCategory>(spec.acl);
  const f = new Set(spec.flags);
  if (f.has('write')) set.add('write');
  if (f.has('readonly') && !set.has('scripting')) set.add('read');
  if (f.has('admin')) {
    set.add('admin');
    set.add('dangerous');
  }
  if (f.has('pubsub')) set.add('pubsub');
  if (f.has('fast')) set.add('fast');
  if (f.has('blocking')) set.add('blocking');
  if (!set.has('fast')) set.add('slow');
  return ACL_CATEGORY_ORDER.filter((c) => set.has(c));
}

function isIndexRange(ks: KeySpec): boolean {
  return 'index' in ks.begin && 'range' in ks.find;
}

/** The first/last/step triple of COMMAND INFO, derived from the key specs as Redis does. */
function legacyRange(specs: readonly KeySpec[]): { first: number; last: number; step: number; movable: boolean } {
  if (specs.length === 0) return { first: 0, last: 0, step: 0, movable: false };
  let movable = specs.some((ks) => !isIndexRange(ks));
  if (specs.length === 1 && isIndexRange(specs[0])) {
    const ks = specs[0] as { begin: { index: number }; find: { range: { lastkey: number; keystep: number } } };
    const first = ks.begin.index;
    const rel = ks.find.range.lastkey;
    return { first, last: rel >= 0 ? rel + first : rel, step: ks.find.range.keystep, movable };
  }
  let first = Number.MAX_SAFE_INTEGER;
  let last = 0;
  let prevLast = 0;
  for (const ks of specs) {
    if (!isIndexRange(ks)) continue;
    const r = ks as { begin: { index: number }; find: { range: { lastkey: number; keystep: number } } };
    if (r.find.range.keystep !== 1 || (prevLast && prevLast !== r.begin.index - 1)) {
      movable = true;
      continue;
    }
    first = Math.min(first, r.begin.index);
    let abs = r.find.range.lastkey;
    if (abs >= 0) abs += r.begin.index;
    // Redis compares as unsigned, so a negative (relative to the end) last key wins.
    last = (abs >>> 0) > (last >>> 0) ? abs : last;
    prevLast = last;
  }
  if (first === Number.MAX_SAFE_INTEGER) return { first: 0, last: 0, step: 0, movable: true };
  const relLast = last < 0 ? last : last - first;
  return { first, last: relLast >= 0 ? relLast + first : relLast, step: 1, movable };
}

function resolve(spec: CommandSpec, parent: Command | null): Command {
  const range = legacyRange(spec.keySpecs ?? []);
  const acl = impliedCategories(spec);
  let aclBits = 0;
  for (const c of acl) aclBits |= 1 << ACL_CATEGORY_ORDER.indexOf(c);
  const cmd: Command = {
    spec,
    fullName: parent ? `${parent.spec.name}|${spec.name}` : spec.name,
    parent,
    subcommands: null,
    acl,
    aclBits,
    firstKey: range.first,
    lastKey: range.last,
    keyStep: range.step,
    movableKeys: range.movable || spec.getKeys !== undefined,
    keys: compileKeyExtractor(spec),
    isWrite: spec.flags.includes('write'),
    isReadonly: spec.flags.includes('readonly'),
    flags: new Set(spec.flags),
    topName: parent ? parent.spec.name : spec.name,
    stats: { calls: 0, usec: 0, rejected: 0, failed: 0, latency: null },
  };
  if (spec.subcommands) {
    cmd.subcommands = new Map();
    for (const sub of spec.subcommands) cmd.subcommands.set(sub.name, resolve(sub, cmd));
  }
  return cmd;
}

/** Case-insensitive hash of a command name (ASCII letters folded to lower case). */
function nameHash(name: string): number {
  const len = name.length;
  let h = len;
  for (let i = 0; i < len; i++) {
    let c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    h = (Math.imul(h, 31) + c) | 0;
  }
  return h;
}

/** Longer names are never commands; they skip the hash. */
const MAX_NAME = 64;

export class CommandTable {
  readonly commands = new Map<string, Command>();
  /**
   * Top-level commands by a case-folding hash of their name: dispatch finds
   * "GET", "get" or "Get" without making a lower-cased copy first.
   */
  private readonly byHash = new Map<number, Command[]>();

  constructor(specs: readonly CommandSpec[] = families()) {
    for (const spec of specs) {
      if (this.commands.has(spec.name)) throw new Error(`command declared twice: ${spec.name}`);
      const cmd = resolve(spec, null);
      this.commands.set(spec.name, cmd);
      const h = nameHash(spec.name);
      const bucket = this.byHash.get(h);
      if (bucket === undefined) this.byHash.set(h, [cmd]);
      else bucket.push(cmd);
    }
  }

  /** Top-level lookup by the name as the client sent it, in any letter case. */
  lookup(raw: string): Command | undefined {
    if (raw.length > MAX_NAME) return undefined;
    const bucket = this.byHash.get(nameHash(raw));
    if (bucket === undefined) return undefined;
    for (let i = 0; i < bucket.length; i++) {
      if (eqi(raw, bucket[i].spec.name)) return bucket[i];
    }
    return undefined;
  }

  /** Every command and subcommand, for COMMAND LIST and stats. */
  *all(): IterableIterator<Command> {
    for (const cmd of this.commands.values()) {
      yield cmd;
      if (cmd.subcommands) yield* cmd.subcommands.values();
    }
  }

  /** Finds "config|get" style names too. */
  byFullName(full: string): Command | undefined {
    const bar = full.indexOf('|');
    if (bar < 0) return this.commands.get(full);
    return this.commands.get(full.slice(0, bar))?.subcommands?.get(full.slice(bar + 1));
  }
}
