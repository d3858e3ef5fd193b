/**
 * Set of latin1 strings.
 *
 * While every member is an integer in canonical form (what Redis's
 * string2ll accepts: no '+', no leading zeros, no "-0", within int64) and
 * there are at most set-max-intset-entries of them, the set is an 'intset':
 * a sorted BigInt64Array, 8 bytes a member, answered by binary search and
 * listed in ascending order like Redis's intset. A non-integer member or one
 * member too many turns it into a 'hashtable' for good.
 *
 * The hashtable keeps members in a dense array plus a KeyTable member -> index
 * (removal swaps the last member in), so SPOP and SRANDMEMBER pick a random
 * member in O(1) instead of walking a Set.
 */
import { derived } from '../config/config.js';
import { KeyTable } from '../keyspace/keytable.js';

export interface SetLimits {
  maxIntsetEntries: number;
}

export const setLimits = derived((config): SetLimits => ({ maxIntsetEntries: config.num('set-max-intset-entries') }));

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** The member as an int64 if Redis would store it in an intset, else null. */
export function intsetValue(s: string): bigint | null {
  const len = s.length;
  if (len === 0 || len > 20) return null;
  let i = 0;
  if (s.charCodeAt(0) === 45) {
    if (len === 1) return null;
    i = 1;
  }
  const first = s.charCodeAt(i);
  if (first === 48) return len === 1 ? 0n : null;
  if (first < 49 || first > 57) return null;
  let n = 0;
  for (let j = i; j < len; j++) {
    const d = s.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  if (len - i < 16) return BigInt(i === 1 ? -n : n);
  const v = BigInt(s);
  return v < I64_MIN || v > I64_MAX ? null : v;
}

/** Shared by every new set until its first insert: zero-length, so nothing can be written to it. */
const NO_INTS = new BigInt64Array(0);

export class SetValue {
  /** Intset storage, ascending; capacity may exceed n. null for a hashtable. */
  private ints: BigInt64Array | null = NO_INTS;
  private n = 0;
  private members: string[] | null = null;
  private index: KeyTable<number> | null = null;

  get size(): number {
    return this.members !== null ? this.members.length : this.n;
  }

  static fromArray(members: string[], limits: SetLimits): SetValue {
    const s = new SetValue();
    for (const m of members) s.add(m, limits);
    return s;
  }

  /** 'intset' | 'hashtable' (Redis 7.0 has no listpack sets). */
  encoding(): string {
    return this.members !== null ? 'hashtable' : 'intset';
  }

  isIntset(): boolean {
    return this.members === null;
  }

  /** The table behind a hashtable (its keys are the members), for cursor scans; null for an intset. */
  table(): KeyTable<number> | null {
    return this.index;
  }

  /** Index of v in ints, or -(insertion point) - 1. */
  private search(v: bigint): number {
    const a = this.ints!;
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = a[mid];
      if (x < v) lo = mid + 1;
      else if (x > v) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  has(member: string): boolean {
    if (this.index !== null) return this.index.has(member);
    const v = intsetValue(member);
    return v !== null && this.search(v) >= 0;
  }

  /** Adds member; true if it was not there. Converts to a hashtable as Redis would. */
  add(member: string, limits: SetLimits): boolean {
    if (this.index === null) {
      const v = intsetValue(member);
      if (v !== null) {
        const at = this.search(v);
        if (at >= 0) return false;
        const pos = -at - 1;
        let a = this.ints!;
        if (this.n === a.length) {
          const grown = new BigInt64Array(Math.max(4, a.length * 2));
          grown.set(a);
          this.ints = a = grown;
        }
        a.copyWithin(pos + 1, pos, this.n);
        a[pos] = v;
        this.n++;
        if (this.n > limits.maxIntsetEntries) this.convert();
        return true;
      }
      this.convert();
    }
    const idx = this.index!;
    if (idx.has(member)) return false;
    idx.set(member, this.members!.length);
    this.members!.push(member);
    return true;
  }

  /** Removes member; true if it was there. */
  remove(member: string): boolean {
    if (this.index === null) {
      const v = intsetValue(member);
      if (v === null) return false;
      const at = this.search(v);
      if (at < 0) return false;
      this.ints!.copyWithin(at, at + 1, this.n);
      this.n--;
      return true;
    }
    const i = this.index.get(member);
    if (i === undefined) return false;
    this.removeAt(i);
    return true;
  }

  private removeAt(i: number): void {
    const ms = this.members!;
    const gone = ms[i];
    const last = ms.pop()!;
    if (i < ms.length) {
      ms[i] = last;
      this.index!.set(last, i);
    }
    this.index!.delete(gone);
  }

  private convert(): void {
    const ms: string[] = [];
    const idx = new KeyTable<number>();
    const a = this.ints!;
    for (let i = 0; i < this.n; i++) {
      const s = String(a[i]);
      idx.set(s, i);
      ms.push(s);
    }
    this.members = ms;
    this.index = idx;
    this.ints = null;
    this.n = 0;
  }

  /** The i-th member (0 <= i < size): ascending for an intset, arbitrary but stable order otherwise. */
  at(i: number): string {
    return this.members !== null ? this.members[i] : String(this.ints![i]);
  }

  randomMember(): string {
    return this.at(Math.floor(Math.random() * this.size));
  }

  /** Removes and returns a random member (the set must not be empty). */
  popRandom(): string {
    const i = Math.floor(Math.random() * this.size);
    const m = this.at(i);
    if (this.members !== null) this.removeAt(i);
    else {
      this.ints!.copyWithin(i, i + 1, this.n);
      this.n--;
    }
    return m;
  }

  /**
   * Re-derives the encoding from the contents, as the fresh set SPOP builds
   * when it keeps only a few members (a hashtable holding only integers
   * becomes an intset again there).
   */
  reencode(limits: SetLimits): void {
    if (this.members === null || this.members.length > limits.maxIntsetEntries) return;
    for (const m of this.members) if (intsetValue(m) === null) return;
    const fresh = SetValue.fromArray(this.members, limits);
    this.ints = fresh.ints;
    this.n = fresh.n;
    this.members = null;
    this.index = null;
  }

  toArray(): string[] {
    if (this.members !== null) return this.members.slice();
    const out = new Array<string>(this.n);
    const a = this.ints!;
    for (let i = 0; i < this.n; i++) out[i] = String(a[i]);
    return out;
  }

  clone(): SetValue {
    const s = new SetValue();
    if (this.members !== null) {
      s.ints = null;
      s.members = this.members.slice();
      s.index = this.index!.clone();
    } else {
      s.ints = this.n === 0 ? NO_INTS : this.ints!.slice(0, this.n);
      s.n = this.n;
    }
    return s;
  }
}
