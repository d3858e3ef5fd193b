/**
 * Options whose value is more than a number or a word: each has a parser
 * that checks the text and returns the canonical form CONFIG GET prints,
 * with Redis's own error reasons. Parsed accessors for the subsystems that
 * consume them (keyspace notifications, output buffer limits) live here too.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

export type ParseResult = { value: string } | { error: string };

/** Memory size as Redis's memtoull reads it: digits and an optional b/k/kb/m/mb/g/gb unit. Null when invalid. */
export function parseMemoryBig(text: string): bigint | null {
  const m = /^(\d+)(b|k|kb|m|mb|g|gb)?$/i.exec(text);
  if (!m) return null;
  const mul: Record<string, bigint> = { '': 1n, b: 1n, k: 1000n, kb: 1024n, m: 1000000n, mb: 1048576n, g: 1000000000n, gb: 1073741824n };
  const v = BigInt(m[1]) * mul[(m[2] ?? '').toLowerCase()];
  // strtoull saturates instead of failing.
  return v > 18446744073709551615n ? 18446744073709551615n : v;
}

/** A signed 64-bit integer with string2ll's rules: no blanks, no '+', no leading zeros. */
export function parseIntStrict(text: string): bigint | null {
  if (!/^(0|-?[1-9]\d*)$/.test(text) || text.length > 20) return null;
  const v = BigInt(text);
  if (v < -9223372036854775808n || v > 9223372036854775807n) return null;
  return v;
}

function words(text: string): string[] {
  return text.split(' ').filter((w) => w !== '');
}

// ---------------------------------------------------------------- notify-keyspace-events

/** Bits of notify-keyspace-events, one per class letter. */
export const NOTIFY = {
  K: 1 << 0,
  E: 1 << 1,
  g: 1 << 2,
  $: 1 << 3,
  l: 1 << 4,
  s: 1 << 5,
  h: 1 << 6,
  z: 1 << 7,
  x: 1 << 8,
  e: 1 << 9,
  t: 1 << 10,
  m: 1 << 11,
  d: 1 << 12,
  n: 1 << 13,
} as const;
/** 'A': every class but keymiss (m) and new (n). */
export const NOTIFY_ALL = NOTIFY.g | NOTIFY.$ | NOTIFY.l | NOTIFY.s | NOTIFY.h | NOTIFY.z | NOTIFY.x | NOTIFY.e | NOTIFY.t | NOTIFY.d;

/** Flag bits from the option text, or -1 for a character Redis refuses. */
export function parseNotifyFlags(text: string): number {
  let flags = 0;
  for (const ch of text) {
    if (ch === 'A') flags |= NOTIFY_ALL;
    else if (ch in NOTIFY) flags |= NOTIFY[ch as keyof typeof NOTIFY];
    else return -1;
  }
  return flags;
}

/**
 * The canonical spelling CONFIG GET prints: "A" or the class letters, then K, E, m.
 * `keepNew` also spells an 'n' hidden behind 'A': the stored text must keep it
 * (Redis keeps the bit, it only fails to print it).
 */
export function formatNotifyFlags(flags: number, keepNew = false): string {
  let s = '';
  if ((flags & NOTIFY_ALL) === NOTIFY_ALL) {
    s = 'A';
    if (keepNew && flags & NOTIFY.n) s += 'n';
  } else {
    // Redis prints 'n' only in this branch, so "AKEn" reads back as "AKE".
    for (const ch of 'g$lshzxetdn') if (flags & NOTIFY[ch as keyof typeof NOTIFY]) s += ch;
  }
  if (flags & NOTIFY.K) s += 'K';
  if (flags & NOTIFY.E) s += 'E';
  if (flags & NOTIFY.m) s += 'm';
  return s;
}

function parseNotify(text: string): ParseResult {
  const flags = parseNotifyFlags(text);
  if (flags < 0) return { error: "Invalid event class character. Use 'Ag$lshzxeKEtmdn'." };
  return { value: formatNotifyFlags(flags, true) };
}

// ---------------------------------------------------------------- client-output-buffer-limit

export interface BufferLimit {
  /** Bytes; 0 = no limit. */
  hard: number;
  soft: number;
  /** How long the soft limit may be exceeded before the client is closed. */
  softSeconds: number;
}

export interface OutputBufferLimits {
  normal: BufferLimit;
  replica: BufferLimit;
  pubsub: BufferLimit;
}

const COBL_CLASSES = ['normal', 'slave', 'pubsub'] as const;

function coblClass(word: string): 'normal' | 'slave' | 'pubsub' | null {
  const w = word.toLowerCase();
  if (w === 'normal') return 'normal';
  if (w === 'slave' || w === 'replica') return 'slave';
  if (w === 'pubsub') return 'pubsub';
  return null;
}

/** The three limits from the canonical option text. */
export function parseOutputBufferLimits(text: string): OutputBufferLimits {
  const w = words(text);
  const out: Record<string, BufferLimit> = {};
  for (let i = 0; i + 3 < w.length; i += 4) {
    out[coblClass(w[i])!] = { hard: Number(w[i + 1]), soft: Number(w[i + 2]), softSeconds: Number(w[i + 3]) };
  }
  return { normal: out.normal, replica: out.slave, pubsub: out.pubsub };
}

/** Only the classes named change; the others keep their current limits. */
function parseCobl(text: string, current: string): ParseResult {
  const w = words(text);
  if (w.length % 4 !== 0 || w.length === 0) return { error: 'Wrong number of arguments in buffer limit configuration.' };
  const cur = new Map<string, string[]>();
  const cw = words(current);
  for (let i = 0; i + 3 < cw.length; i += 4) cur.set(cw[i], cw.slice(i + 1, i + 4));
  for (let i = 0; i < w.length; i += 4) {
    const cls = coblClass(w[i]);
    if (cls === null) return { error: 'Invalid client class specified in buffer limit configuration.' };
    const hard = parseMemoryBig(w[i + 1]);
    const soft = parseMemoryBig(w[i + 2]);
    const secs = parseIntStrict(w[i + 3]);
    if (hard === null || soft === null || secs === null || secs < 0n) {
      return { error: 'Error in hard, soft or soft_seconds setting in buffer limit configuration.' };
    }
    cur.set(cls, [String(hard), String(soft), String(secs)]);
  }
  return { value: COBL_CLASSES.map((c) => `${c} ${(cur.get(c) ?? ['0', '0', '0']).join(' ')}`).join(' ') };
}

// ---------------------------------------------------------------- save

/** Pairs of (seconds, changes); at least one second. */
export function parseSavePoints(text: string): [number, number][] {
  const w = words(text);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < w.length; i += 2) out.push([Number(w[i]), Number(w[i + 1])]);
  return out;
}

function parseSave(text: string): ParseResult {
  const w = words(text);
  if (w.length % 2 !== 0) return { error: 'Invalid save parameters' };
  for (let i = 0; i < w.length; i += 2) {
    const secs = parseIntStrict(w[i]);
    const changes = parseIntStrict(w[i + 1]);
    if (secs === null || changes === null || secs < 1n || changes < 0n) return { error: 'Invalid save parameters' };
  }
  return { value: w.join(' ') };
}

// ---------------------------------------------------------------- others

function parseBind(text: string): ParseResult {
  const w = words(text);
  if (w.length > 16) return { error: 'Too many bind addresses specified.' };
  return { value: w.join(' ') };
}

function parseOomValues(text: string): ParseResult {
  const w = words(text);
  if (w.length !== 3) return { error: 'wrong number of arguments' };
  for (const x of w) {
    const v = parseIntStrict(x);
    if (v === null || v < -2000n || v > 2000n) return { error: 'Invalid oom-score-adj-values, elements must be between -2000 and 2000.' };
  }
  return { value: w.map((x) => String(Number(x))).join(' ') };
}

function parsePercentiles(text: string): ParseResult {
  const w = words(text);
  const vals: string[] = [];
  for (const x of w) {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(x)) return { error: 'Invalid latency-tracking-info-percentiles parameters' };
    const d = Number(x);
    if (d < 0 || d > 100) return { error: 'latency-tracking-info-percentiles parameters should sit between [0.0,100.0]' };
    // %f then trailing zeros trimmed, as Redis prints them.
    vals.push(d.toFixed(6).replace(/\.?0+$/, ''));
  }
  return { value: vals.join(' ') };
}

function parseDir(text: string): ParseResult {
  try {
    if (!statSync(text).isDirectory()) return { error: 'Not a directory' };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'EACCES' ? 'Permission denied' : code === 'ENOTDIR' ? 'Not a directory' : 'No such file or directory' };
  }
  return { value: resolve(text) };
}

function parseOctal(text: string): ParseResult {
  if (!/^[0-7]+$/.test(text)) return { error: "argument couldn't be parsed as an octal number" };
  const v = parseInt(text, 8);
  if (v > 0o777) return { error: "argument couldn't be parsed as an octal number" };
  return { value: v.toString(8) };
}

function parseMemoryOrPercent(text: string): ParseResult {
  if (text.endsWith('%')) {
    const p = parseIntStrict(text.slice(0, -1));
    if (p === null || p < 0n) return { error: 'argument must be a memory or percent value' };
    if (p > 100n) return { error: 'percentage argument must be less or equal to 100' };
    return { value: `${p}%` };
  }
  const v = parseMemoryBig(text);
  if (v === null) return { error: 'argument must be a memory or percent value' };
  return { value: String(v) };
}

function parseReplicaof(text: string): ParseResult {
  const w = words(text);
  if (w.length === 0) return { value: '' };
  if (w.length !== 2) return { error: 'wrong number of arguments' };
  if (w[0].toLowerCase() === 'no' && w[1].toLowerCase() === 'one') return { value: '' };
  const port = parseIntStrict(w[1]);
  if (port === null || port < 0n || port > 65535n) return { error: 'Invalid master port' };
  return { value: `${w[0]} ${port}` };
}

/** Parsers of the 'special' options, by canonical name. `current` is the value before the change. */
export const SPECIAL_PARSERS: Record<string, (text: string, current: string) => ParseResult> = {
  'notify-keyspace-events': parseNotify,
  'client-output-buffer-limit': parseCobl,
  save: parseSave,
  bind: parseBind,
  'oom-score-adj-values': parseOomValues,
  'latency-tracking-info-percentiles': parsePercentiles,
  dir: parseDir,
  unixsocketperm: parseOctal,
  'maxmemory-clients': parseMemoryOrPercent,
  replicaof: parseReplicaof,
};
