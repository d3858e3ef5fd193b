/**
 * The one key extractor: where a command line's keys are and how each is
 * accessed, from the command's declaration (its key specs, its own key
 * finder when the specs cannot tell, its per-call flags when they vary).
 * COMMAND GETKEYS, client tracking, and later ACL key checks and cluster
 * slot routing all ask Command.keys(), which the table compiles once per
 * command: the common single-range shapes (GET, MSET, DEL) get a direct
 * loop, the rest this general walk, Redis's getKeysFromCommandWithSpecs.
 */
import type { CommandSpec, KeySpec, KeySpecFlag } from './spec.js';


export interface KeyRef {
  /** Index in the target command's argv (its name at 0). */
  pos: number;
  flags: readonly KeySpecFlag[];
}

/** Strict decimal, as string2ll: the keynum argument of a key spec. */
function parseKeyCount(arg: string): number | null {
  const s = arg;
  if (!/^(0|-?[1-9][0-9]{0,18})$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * How keysFromSpecs treats a spec it cannot resolve: 'strict' gives up (null)
 * on any, as Redis does before falling back to the command's key finder;
 * 'lenient' skips unknown searches and takes incomplete specs for what they
 * find, but still gives up on a bad key count or out-of-bounds range;
 * 'partial' skips every unresolvable spec.
 */
type SpecMode = 'strict' | 'lenient' | 'partial';

/** Keys located by the key specs alone, or null when a spec cannot be resolved (see SpecMode). */
function keysFromSpecs(specs: readonly KeySpec[], argv: string[], mode: SpecMode = 'strict'): KeyRef[] | null {
  const argc = argv.length;
  const out: KeyRef[] = [];
  const partial = mode === 'partial';
  const skipUnknown = mode !== 'strict';
  for (const ks of specs) {
    if (ks.flags.includes('not_key')) continue;
    if (ks.flags.includes('incomplete') && !skipUnknown) return null;
    let first: number;
    const b = ks.begin;
    if ('index' in b) {
      first = b.index;
    } else if ('keyword' in b) {
      first = 0;
      const kw = b.keyword.toLowerCase();
      if (b.startfrom > 0) {
        // The last argument is never taken as the keyword: a key must follow it.
        for (let i = b.startfrom; i < argc - 1; i++) {
          if (argv[i].toLowerCase() === kw) {
            first = i + 1;
            break;
          }
        }
      } else {
        for (let i = argc + b.startfrom; i >= 1 && i < argc; i--) {
          if (argv[i].toLowerCase() === kw) {
            first = i + 1;
            break;
          }
        }
      }
      // An optional keyword that is absent simply contributes no keys.
      if (first === 0) continue;
    } else {
      if (skipUnknown) continue;
      return null;
    }

    let last: number;
    let step: number;
    const f = ks.find;
    if ('range' in f) {
      const { lastkey, keystep, limit } = f.range;
      if (lastkey >= 0) last = first + lastkey;
      else if (limit === 0) last = argc + lastkey;
      else last = first + (Math.floor((argc - first) / limit) + lastkey);
      step = keystep;
    } else if ('keynum' in f) {
      const idx = first + f.keynum.keynumidx;
      const n = idx < argc ? parseKeyCount(argv[idx]) : null;
      if (n === null || n < 0) {
        if (partial) continue;
        return null;
      }
      first += f.keynum.firstkey;
      last = first + n - 1;
      step = f.keynum.keystep;
    } else {
      if (skipUnknown) continue;
      return null;
    }
    if (last >= argc || last < first || first >= argc) {
      if (partial) continue;
      return null;
    }
    for (let i = first; i <= last; i += step) out.push({ pos: i, flags: ks.flags });
  }
  return out;
}

/**
 * The keys of a full command line, with their access flags, as COMMAND
 * GETKEYSANDFLAGS reports them: key specs first, the command's own key
 * finder when the specs cannot tell.
 */
function specKeys(spec: CommandSpec, argv: string[]): KeyRef[] {
  const specs = spec.keySpecs ?? [];
  const varFlags = specs.some((ks) => ks.flags.includes('variable_flags'));
  if (!varFlags) {
    const refs = keysFromSpecs(specs, argv);
    if (refs !== null) return refs;
  } else {
    const exact = spec.keyFlags;
    const refs = keysFromSpecs(specs, argv, 'partial') ?? [];
    if (exact !== undefined) return refs.map((r) => ({ pos: r.pos, flags: exact(argv) }));
    if (spec.getKeys === undefined) return refs;
  }
  // Without a finder, the specs that can be resolved stand in for it (SORT_RO's BY/GET spec is unknown).
  if (spec.getKeys === undefined) return keysFromSpecs(specs, argv, 'lenient') ?? [];
  // The finder gives positions only: take each key's flags from the spec that covers it,
  // or from the last spec the key specs cannot resolve (SORT's STORE).
  const covered = new Map<number, readonly KeySpecFlag[]>();
  for (const r of keysFromSpecs(specs, argv, 'partial') ?? []) if (!covered.has(r.pos)) covered.set(r.pos, r.flags);
  let fallback: readonly KeySpecFlag[] = specs.length > 0 ? specs[0].flags : [];
  for (const ks of specs) if (!('index' in ks.begin) && !('keyword' in ks.begin)) fallback = ks.flags;
  return spec.getKeys(argv).map((pos) => ({ pos, flags: covered.get(pos) ?? fallback }));
}


const NO_KEYS: readonly KeyRef[] = [];

/** Compiles the extractor of one declaration. */
export function compileKeyExtractor(spec: CommandSpec): (argv: string[]) => readonly KeyRef[] {
  const specs = spec.keySpecs ?? [];
  if (spec.getKeys === undefined && specs.every((ks) => ks.flags.includes('not_key'))) return () => NO_KEYS;
  const only = specs.length === 1 ? specs[0] : null;
  if (only !== null && spec.getKeys === undefined && spec.keyFlags === undefined && !only.flags.includes('incomplete') && 'index' in only.begin && 'range' in only.find && !only.flags.includes('not_key')) {
    const first = only.begin.index;
    const { lastkey, keystep, limit } = only.find.range;
    const flags = only.flags;
    // Arity already guarantees the first key exists; the range's end is checked as the general walk does.
    return (argv) => {
      const argc = argv.length;
      const last = lastkey >= 0 ? first + lastkey : limit === 0 ? argc + lastkey : first + (Math.floor((argc - first) / limit) + lastkey);
      if (last >= argc || last < first || first >= argc) return NO_KEYS;
      if (first === last) return [{ pos: first, flags }];
      const out: KeyRef[] = [];
      for (let i = first; i <= last; i += keystep) out.push({ pos: i, flags });
      return out;
    };
  }
  return (argv) => specKeys(spec, argv);
}
