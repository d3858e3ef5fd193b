/**
 * Sorted set: an order-statistic B+tree over (score, member) for O(log n)
 * rank, range and nth-element operations, plus, once the set is big, a
 * KeyTable member -> score for O(1) ZSCORE. Redis uses a skiplist with spans and a
 * dict for the same job; a counted B+tree keeps the order in flat arrays
 * (8 bytes per score, one pointer per member, counts in the inner nodes),
 * which keeps a million members within Redis's own footprint.
 *
 * The encoding reported ('listpack' for small sets, 'skiplist' once a limit
 * is crossed) follows Redis 7.0's conversion rules exactly. A listpack has
 * no table: like Redis's listpack it finds a member by scanning (at most
 * zset-max-listpack-entries of them).
 *
 * Order: ascending score, ties broken by member bytes (latin1 strings
 * compare code unit by code unit, i.e. memcmp, shorter prefix first).
 */
import { derived } from '../config/config.js';
import { KeyTable } from '../keyspace/keytable.js';

export interface ZSetLimits {
  maxListpackEntries: number;
  maxListpackValue: number;
}

export const zsetLimits = derived(
  (config): ZSetLimits => ({
    maxListpackEntries: config.num('zset-max-listpack-entries'),
    maxListpackValue: config.num('zset-max-listpack-value'),
  }),
);

/** Leaf and inner fan-out: big enough for shallow trees, small enough that moving entries stays cheap. */
const LEAF_MAX = 64;
const INNER_MAX = 64;
const LEAF_MIN = LEAF_MAX >> 2;
const INNER_MIN = INNER_MAX >> 2;

class Leaf {
  n = 0;
  members: string[] = [];
  scores: number[] = [];
  next: Leaf | null = null;
  prev: Leaf | null = null;
}

/**
 * sepScores[i]/sepMembers[i] (i >= 1) bound child i: every key of child i-1
 * is < sep[i] <= every key of child i. Index 0 is unused. Separators may be
 * stale after deletions; the bounds still hold, which is all descent needs.
 */
class Inner {
  n = 0;
  children: Node[] = [];
  /** children[i].n, kept here so rank arithmetic never touches the children themselves. */
  counts: number[] = [];
  sepScores: number[] = [];
  sepMembers: string[] = [];
}

type Node = Leaf | Inner;

// Array.prototype.splice allocates an array for what it removes, on every call: these move in place.
function insertAt<T>(a: T[], at: number, v: T): void {
  let i = a.length;
  a.push(v);
  for (; i > at; i--) a[i] = a[i - 1];
  a[at] = v;
}

function removeAt<T>(a: T[], at: number): void {
  const last = a.length - 1;
  for (let i = at; i < last; i++) a[i] = a[i + 1];
  a.pop();
}

/** Key order: true when (s1, m1) < (s2, m2). */
function less(s1: number, m1: string, s2: number, m2: string): boolean {
  return s1 < s2 || (s1 === s2 && m1 < m2);
}

/** Index of the first entry of the leaf that is not less than (s, m). */
function position(leaf: Leaf, s: number, m: string): number {
  let lo = 0;
  let hi = leaf.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (less(leaf.scores[mid], leaf.members[mid], s, m)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A monotone predicate over keys: false for a prefix of the order, true after. */
export type KeyPred = (score: number, member: string) => boolean;

/** A position in the tree, for walking a range without repeated descents. */
export interface ZCursor {
  leaf: Leaf;
  i: number;
}

class OrderTree {
  root: Node = new Leaf();
  /** Descent path reused between operations: inner nodes and the child index taken. */
  private readonly pathNodes: Inner[] = [];
  private readonly pathIdx: number[] = [];
  /** Entries of the path in use. (Truncating the arrays instead would free their storage and regrow it on every descent.) */
  private depth = 0;
  /** The leaf at the end of the last rank descent. */
  private pathLeaf: Leaf = new Leaf();

  get size(): number {
    return this.root.n;
  }

  /** Child of `node` whose range contains the key (largest i with sep[i] <= key). */
  private childFor(node: Inner, s: number, m: string): number {
    let lo = 1;
    let hi = node.children.length - 1;
    let ans = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (!less(s, m, node.sepScores[mid], node.sepMembers[mid])) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }

  /**
   * Walks down to the leaf whose range holds the key, recording the path
   * (pathNodes, pathIdx, depth) and adding `delta` to the counts on the way:
   * +1 for an insert, -1 for a removal, 0 to only look.
   */
  private descend(score: number, member: string, delta: number): Leaf {
    const pn = this.pathNodes;
    const pi = this.pathIdx;
    let d = 0;
    let node = this.root;
    while (node instanceof Inner) {
      const i = this.childFor(node, score, member);
      if (delta !== 0) {
        node.n += delta;
        node.counts[i] += delta;
      }
      pn[d] = node;
      pi[d++] = i;
      node = node.children[i];
    }
    this.depth = d;
    return node;
  }

  insert(member: string, score: number): void {
    const leaf = this.descend(score, member, 1);
    const at = position(leaf, score, member);
    insertAt(leaf.members, at, member);
    insertAt(leaf.scores, at, score);
    leaf.n++;
    if (leaf.n > LEAF_MAX) this.splitLeaf(leaf);
  }

  private splitLeaf(leaf: Leaf): void {
    const half = leaf.n >> 1;
    const right = new Leaf();
    right.members = leaf.members.splice(half);
    right.scores = leaf.scores.splice(half);
    right.n = right.members.length;
    leaf.n = half;
    right.next = leaf.next;
    if (right.next) right.next.prev = right;
    right.prev = leaf;
    leaf.next = right;
    this.addSibling(leaf, right, right.scores[0], right.members[0], this.depth - 1);
  }

  /** Inserts `right` after `left` in the parent at path depth d, splitting upwards as needed. */
  private addSibling(left: Node, right: Node, sepS: number, sepM: string, d: number): void {
    if (d < 0) {
      const root = new Inner();
      root.children = [left, right];
      root.counts = [left.n, right.n];
      root.sepScores = [0, sepS];
      root.sepMembers = ['', sepM];
      root.n = left.n + right.n;
      this.root = root;
      return;
    }
    const parent = this.pathNodes[d];
    const at = this.pathIdx[d] + 1;
    parent.children.splice(at, 0, right);
    parent.counts[at - 1] = left.n;
    parent.counts.splice(at, 0, right.n);
    parent.sepScores.splice(at, 0, sepS);
    parent.sepMembers.splice(at, 0, sepM);
    if (parent.children.length <= INNER_MAX) return;
    const half = parent.children.length >> 1;
    const sib = new Inner();
    sib.children = parent.children.splice(half);
    sib.counts = parent.counts.splice(half);
    sib.sepScores = parent.sepScores.splice(half);
    sib.sepMembers = parent.sepMembers.splice(half);
    let moved = 0;
    for (const k of sib.counts) moved += k;
    sib.n = moved;
    parent.n -= moved;
    this.addSibling(parent, sib, sib.sepScores[0], sib.sepMembers[0], d - 1);
  }

  /** Removes the key, which must be present. */
  remove(member: string, score: number): void {
    const leaf = this.descend(score, member, -1);
    this.removeFromLeaf(leaf, position(leaf, score, member), this.depth);
  }

  /**
   * Gives a present key a new score. Where the new key still sorts between
   * its neighbours in the same leaf, the score changes in place: no count
   * and no separator can be affected, so a small ZINCRBY costs one descent.
   * Otherwise it is a remove and an insert. (Redis's zslUpdateScore makes
   * the same choice.)
   */
  rescore(member: string, old: number, score: number): void {
    const leaf = this.descend(old, member, 0);
    const at = position(leaf, old, member);
    const last = leaf.n - 1;
    // At a leaf's first entry the key may only grow and at its last only shrink: the parent's separators bound it from outside.
    const aboveLower = at > 0 ? less(leaf.scores[at - 1], leaf.members[at - 1], score, member) : score > old;
    const belowUpper = at < last ? less(score, member, leaf.scores[at + 1], leaf.members[at + 1]) : score < old;
    if (aboveLower && belowUpper) {
      leaf.scores[at] = score;
      return;
    }
    // The tree's own copy of the member goes back in: the caller's is usually a fresh argument,
    // which would otherwise have to survive young-generation GCs to stay in the tree.
    const kept = leaf.members[at];
    this.removeAtPath(leaf, at);
    this.insert(kept, score);
  }

  /** Removes the key at rank (0 <= rank < size) and returns its member: no key comparisons on the way down. */
  removeRank(rank: number): string {
    const i = this.descendToRank(rank);
    const leaf = this.pathLeaf;
    const member = leaf.members[i];
    this.removeAtPath(leaf, i);
    return member;
  }

  /** Removes entry i of the leaf at the end of the recorded path, whose counts were not yet lowered. */
  private removeAtPath(leaf: Leaf, i: number): void {
    const d = this.depth;
    for (let k = 0; k < d; k++) {
      const node = this.pathNodes[k];
      node.n--;
      node.counts[this.pathIdx[k]]--;
    }
    this.removeFromLeaf(leaf, i, d);
  }

  /** Removes entry i of a leaf reached through a path of depth d, rebalancing if it runs low. */
  private removeFromLeaf(leaf: Leaf, i: number, d: number): void {
    removeAt(leaf.members, i);
    removeAt(leaf.scores, i);
    leaf.n--;
    if (leaf.n < LEAF_MIN) this.rebalance(d - 1, leaf);
  }

  /** An underfull node at path depth d+1: merged into a sibling when they fit, dropped when empty. */
  private rebalance(d: number, node: Node): void {
    if (d < 0) {
      // The root: an inner root with one child hands over to that child.
      let r = this.root;
      while (r instanceof Inner && r.children.length === 1) r = r.children[0];
      this.root = r instanceof Inner && r.children.length === 0 ? new Leaf() : r;
      return;
    }
    const parent = this.pathNodes[d];
    const i = this.pathIdx[d];
    const isLeaf = node instanceof Leaf;
    const max = isLeaf ? LEAF_MAX : INNER_MAX;
    const width = (x: Node) => (x instanceof Leaf ? x.n : x.children.length);
    if (width(node) === 0) {
      this.dropChild(parent, i);
    } else if (i > 0 && width(parent.children[i - 1]) + width(node) <= max) {
      this.merge(parent, i - 1);
    } else if (i + 1 < parent.children.length && width(parent.children[i + 1]) + width(node) <= max) {
      this.merge(parent, i);
    } else return;
    if (d === 0) this.rebalance(-1, parent);
    else if (parent.children.length < INNER_MIN) this.rebalance(d - 1, parent);
  }

  private dropChild(parent: Inner, i: number): void {
    const ch = parent.children[i];
    if (ch instanceof Leaf) {
      if (ch.prev) ch.prev.next = ch.next;
      if (ch.next) ch.next.prev = ch.prev;
    }
    parent.children.splice(i, 1);
    parent.counts.splice(i, 1);
    parent.sepScores.splice(i, 1);
    parent.sepMembers.splice(i, 1);
  }

  /** Moves child i+1 of parent into child i. */
  private merge(parent: Inner, i: number): void {
    const a = parent.children[i];
    const b = parent.children[i + 1];
    if (a instanceof Leaf && b instanceof Leaf) {
      for (let k = 0; k < b.n; k++) {
        a.members.push(b.members[k]);
        a.scores.push(b.scores[k]);
      }
      a.n += b.n;
      a.next = b.next;
      if (b.next) b.next.prev = a;
    } else {
      const x = a as Inner;
      const y = b as Inner;
      // y's first child gets a real bound: the parent's separator for y.
      y.sepScores[0] = parent.sepScores[i + 1];
      y.sepMembers[0] = parent.sepMembers[i + 1];
      for (let k = 0; k < y.children.length; k++) {
        x.children.push(y.children[k]);
        x.counts.push(y.counts[k]);
        x.sepScores.push(y.sepScores[k]);
        x.sepMembers.push(y.sepMembers[k]);
      }
      x.n += y.n;
    }
    parent.counts[i] += parent.counts[i + 1];
    parent.children.splice(i + 1, 1);
    parent.counts.splice(i + 1, 1);
    parent.sepScores.splice(i + 1, 1);
    parent.sepMembers.splice(i + 1, 1);
  }

  /** Number of keys for which pred is false: the rank of the first key where it holds. */
  lowerBound(pred: KeyPred): number {
    let rank = 0;
    let node = this.root;
    while (node instanceof Inner) {
      let lo = 1;
      let hi = node.children.length - 1;
      let ans = 0;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (!pred(node.sepScores[mid], node.sepMembers[mid])) {
          ans = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const counts = node.counts;
      for (let k = 0; k < ans; k++) rank += counts[k];
      node = node.children[ans];
    }
    let lo = 0;
    let hi = node.n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pred(node.scores[mid], node.members[mid])) hi = mid;
      else lo = mid + 1;
    }
    return rank + lo;
  }

  /** Rank of a key known to be present: lowerBound specialised, as ZRANK is hot. */
  rankOf(score: number, member: string): number {
    let rank = 0;
    let node = this.root;
    while (node instanceof Inner) {
      const ans = this.childFor(node, score, member);
      const counts = node.counts;
      for (let k = 0; k < ans; k++) rank += counts[k];
      node = node.children[ans];
    }
    return rank + position(node, score, member);
  }

  /** Position of the key at 0-based rank (0 <= rank < size). */
  at(rank: number): ZCursor {
    const i = this.descendToRank(rank);
    return { leaf: this.pathLeaf, i };
  }

  /** Walks down by counts to the key at rank, recording the path; leaves its leaf in pathLeaf and returns its index there. */
  private descendToRank(rank: number): number {
    let d = 0;
    let node = this.root;
    while (node instanceof Inner) {
      const counts = node.counts;
      let k = 0;
      while (rank >= counts[k]) {
        rank -= counts[k];
        k++;
      }
      this.pathNodes[d] = node;
      this.pathIdx[d++] = k;
      node = node.children[k];
    }
    this.depth = d;
    this.pathLeaf = node;
    return rank;
  }

  first(): Leaf {
    let node = this.root;
    while (node instanceof Inner) node = node.children[0];
    return node;
  }

  /** Rebuilds from keys already in order. */
  build(members: string[], scores: number[]): void {
    const n = members.length;
    if (n === 0) {
      this.root = new Leaf();
      return;
    }
    // Leaves three quarters full leave room for inserts without immediate splits.
    const per = Math.max(1, Math.floor((LEAF_MAX * 3) / 4));
    let level: Node[] = [];
    let prev: Leaf | null = null;
    for (let off = 0; off < n; off += per) {
      const leaf = new Leaf();
      leaf.members = members.slice(off, off + per);
      leaf.scores = scores.slice(off, off + per);
      leaf.n = leaf.members.length;
      leaf.prev = prev;
      if (prev) prev.next = leaf;
      prev = leaf;
      level.push(leaf);
    }
    const perInner = Math.max(2, Math.floor((INNER_MAX * 3) / 4));
    while (level.length > 1) {
      const up: Node[] = [];
      for (let off = 0; off < level.length; off += perInner) {
        const inner = new Inner();
        const group = level.slice(off, off + perInner);
        inner.children = group;
        for (const ch of group) {
          const [s, m] = minKey(ch);
          inner.sepScores.push(s);
          inner.sepMembers.push(m);
          inner.counts.push(ch.n);
          inner.n += ch.n;
        }
        up.push(inner);
      }
      level = up;
    }
    this.root = level[0];
  }
}

function minKey(node: Node): [number, string] {
  while (node instanceof Inner) node = node.children[0];
  return [node.scores[0], node.members[0]];
}

export type ZEncoding = 'listpack' | 'skiplist';

export class ZSetValue {
  /**
   * member -> score, for the 'skiplist' encoding only. A listpack (at most
   * zset-max-listpack-entries members) finds members by a linear scan of the
   * leaves, as Redis scans its listpack, and saves the table's per-entry cost.
   */
  private dict: KeyTable<number> | null;
  private readonly tree = new OrderTree();
  private enc: ZEncoding;

  constructor(encoding: ZEncoding = 'listpack') {
    this.enc = encoding;
    this.dict = encoding === 'skiplist' ? new KeyTable() : null;
  }

  /** An empty set as ZADD creates it: a listpack unless the first member already breaks a limit. */
  static create(limits: ZSetLimits, firstMemberLen: number): ZSetValue {
    const big = limits.maxListpackEntries === 0 || firstMemberLen > limits.maxListpackValue;
    return new ZSetValue(big ? 'skiplist' : 'listpack');
  }

  /**
   * A set built from keys already in ascending order (ZRANGESTORE, ZUNIONSTORE
   * results): a listpack when both limits allow, as Redis converts such results.
   */
  static fromSorted(members: string[], scores: number[], limits: ZSetLimits): ZSetValue {
    let maxLen = 0;
    for (const m of members) if (m.length > maxLen) maxLen = m.length;
    const small = members.length <= limits.maxListpackEntries && maxLen <= limits.maxListpackValue;
    const z = new ZSetValue(small ? 'listpack' : 'skiplist');
    if (small) {
      for (let i = 0; i < scores.length; i++) if (scores[i] === 0) scores[i] = 0;
    } else {
      const dict = z.dict!;
      for (let i = 0; i < members.length; i++) dict.set(members[i], scores[i]);
    }
    z.tree.build(members, scores);
    return z;
  }

  /** Duplicated members keep their last score. The encoding is the one RDB loading would pick. */
  static fromPairs(pairs: [string, number][], limits: ZSetLimits): ZSetValue {
    const unique = new Map<string, number>();
    for (const [m, s] of pairs) unique.set(m, s);
    const keys = [...unique.entries()].sort((a, b) => (less(a[1], a[0], b[1], b[0]) ? -1 : 1));
    return ZSetValue.fromSorted(
      keys.map((k) => k[0]),
      keys.map((k) => k[1]),
      limits,
    );
  }

  get size(): number {
    return this.tree.size;
  }

  encoding(): ZEncoding {
    return this.enc;
  }

  /** Ascending by (score, member). */
  toArray(): [string, number][] {
    const out: [string, number][] = new Array(this.tree.size);
    let k = 0;
    for (let leaf: Leaf | null = this.tree.first(); leaf !== null; leaf = leaf.next) {
      for (let i = 0; i < leaf.n; i++) out[k++] = [leaf.members[i], leaf.scores[i]];
    }
    return out;
  }

  /** Rank of member in a listpack, by scanning; -1 if absent. */
  private scan(member: string): number {
    let base = 0;
    for (let leaf: Leaf | null = this.tree.first(); leaf !== null; leaf = leaf.next) {
      const ms = leaf.members;
      for (let i = 0; i < leaf.n; i++) if (ms[i] === member) return base + i;
      base += leaf.n;
    }
    return -1;
  }

  score(member: string): number | undefined {
    if (this.dict !== null) return this.dict.get(member);
    const r = this.scan(member);
    if (r < 0) return undefined;
    const { leaf, i } = this.tree.at(r);
    return leaf.scores[i];
  }

  has(member: string): boolean {
    return this.dict !== null ? this.dict.has(member) : this.scan(member) >= 0;
  }

  clone(): ZSetValue {
    const z = new ZSetValue(this.enc);
    const n = this.tree.size;
    const members: string[] = new Array(n);
    const scores: number[] = new Array(n);
    let k = 0;
    for (let leaf: Leaf | null = this.tree.first(); leaf !== null; leaf = leaf.next) {
      for (let i = 0; i < leaf.n; i++) {
        members[k] = leaf.members[i];
        scores[k++] = leaf.scores[i];
      }
    }
    if (z.dict !== null) for (let i = 0; i < n; i++) z.dict.set(members[i], scores[i]);
    z.tree.build(members, scores);
    return z;
  }

  /** The listpack becomes a skiplist: from now on members are found through the table. */
  private toSkiplist(): void {
    this.enc = 'skiplist';
    const dict = new KeyTable<number>();
    for (let leaf: Leaf | null = this.tree.first(); leaf !== null; leaf = leaf.next) {
      for (let i = 0; i < leaf.n; i++) dict.set(leaf.members[i], leaf.scores[i]);
    }
    this.dict = dict;
  }

  /**
   * Sets member's score, adding it if new (the listpack turns into a skiplist
   * first when the new member breaks a limit, as zsetAdd does). Returns true
   * if the member was added.
   */
  set(member: string, score: number, limits: ZSetLimits): boolean {
    const old = this.score(member);
    if (old !== undefined) {
      this.rescore(member, old, score);
      return false;
    }
    if (this.enc === 'listpack' && (this.tree.size + 1 > limits.maxListpackEntries || member.length > limits.maxListpackValue)) {
      this.toSkiplist();
    }
    // A listpack keeps scores as text, where -0 reads back as 0.
    if (score === 0 && this.enc === 'listpack') score = 0;
    if (this.dict !== null) this.dict.set(member, score);
    this.tree.insert(member, score);
    return true;
  }

  /** Moves a member whose current score the caller already looked up (ZADD's update path). */
  rescore(member: string, old: number, score: number): void {
    // Redis compares with !=, so 0 and -0 count as the same score.
    if (old === score) return;
    if (score === 0 && this.enc === 'listpack') score = 0;
    this.tree.rescore(member, old, score);
    if (this.dict !== null) this.dict.set(member, score);
  }

  /** True if member was there. */
  delete(member: string): boolean {
    const old = this.score(member);
    if (old === undefined) return false;
    if (this.dict !== null) this.dict.delete(member);
    this.tree.remove(member, old);
    return true;
  }

  /** 0-based ascending rank of member, or undefined. O(log n) for a skiplist. */
  rank(member: string): number | undefined {
    if (this.dict === null) {
      const r = this.scan(member);
      return r < 0 ? undefined : r;
    }
    const s = this.dict.get(member);
    if (s === undefined) return undefined;
    return this.tree.rankOf(s, member);
  }

  /** Rank of the first key for which pred holds (pred monotone over the order); size if none. */
  lowerBound(pred: KeyPred): number {
    return this.tree.lowerBound(pred);
  }

  /** Rank of the first member with score >= min (> min when exclusive). */
  firstByScore(min: number, exclusive: boolean): number {
    return this.tree.lowerBound(exclusive ? (s) => s > min : (s) => s >= min);
  }

  /** Rank just past the last member with score <= max (< max when exclusive). */
  endByScore(max: number, exclusive: boolean): number {
    return this.tree.lowerBound(exclusive ? (s) => s >= max : (s) => s > max);
  }

  /** Rank of the first member >= min (> min when exclusive); '-' is null. */
  firstByLex(min: string | null, exclusive: boolean): number {
    if (min === null) return 0;
    return this.tree.lowerBound(exclusive ? (_s, m) => m > min : (_s, m) => m >= min);
  }

  /** Rank just past the last member <= max (< max when exclusive); '+' is null. */
  endByLex(max: string | null, exclusive: boolean): number {
    if (max === null) return this.tree.size;
    return this.tree.lowerBound(exclusive ? (_s, m) => m >= max : (_s, m) => m > max);
  }

  /** Cursor at rank (0 <= rank < size). */
  at(rank: number): ZCursor {
    return this.tree.at(rank);
  }

  /** Calls fn for ranks start..end inclusive, ascending, or descending when reverse (then start >= end). */
  forRange(start: number, end: number, reverse: boolean, fn: (member: string, score: number) => void): void {
    if (!reverse) {
      if (start > end) return;
      let { leaf, i } = this.tree.at(start);
      for (let left = end - start + 1; left > 0; left--) {
        fn(leaf.members[i], leaf.scores[i]);
        if (++i >= leaf.n && leaf.next !== null) {
          leaf = leaf.next;
          i = 0;
        }
      }
    } else {
      if (start < end) return;
      let { leaf, i } = this.tree.at(start);
      for (let left = start - end + 1; left > 0; left--) {
        fn(leaf.members[i], leaf.scores[i]);
        if (--i < 0 && leaf.prev !== null) {
          leaf = leaf.prev;
          i = leaf.n - 1;
        }
      }
    }
  }

  /** Walks every member in ascending order until fn returns false. */
  walk(fn: (member: string, score: number) => boolean): void {
    for (let leaf: Leaf | null = this.tree.first(); leaf !== null; leaf = leaf.next) {
      for (let i = 0; i < leaf.n; i++) if (!fn(leaf.members[i], leaf.scores[i])) return;
    }
  }

  /** Removes ranks start..end inclusive. */
  deleteRange(start: number, end: number): void {
    if (end - start + 1 === this.tree.size) {
      // Everything goes: dropping the structures beats n single removals.
      if (this.dict !== null) this.dict.clear();
      this.tree.root = new Leaf();
      return;
    }
    for (let left = end - start + 1; left > 0; left--) {
      const member = this.tree.removeRank(start);
      if (this.dict !== null) this.dict.delete(member);
    }
  }

  /** The member -> score table of a skiplist, for ZSCAN's cursor; null for a listpack. */
  table(): KeyTable<number> | null {
    return this.dict;
  }
}
