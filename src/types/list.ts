/**
 * The list type: a deque of latin1 strings, laid out like Redis's quicklist.
 *
 * Elements live in a chain of small nodes. The two end nodes are "open"
 * (a plain string[] that push/pop work on directly); every interior node is
 * "packed": its elements concatenated into one latin1 string plus a typed
 * array of end offsets. A JS string per element costs about 40 bytes on a
 * 64-bit heap, several times the element itself; packing brings a list of
 * a million short items within reach of Redis's listpacks. Interior nodes
 * are opened only for the rare middle edits (LSET, LINSERT, LREM, LTRIM)
 * and packed again straight after.
 *
 * Redis 7.0 reports every list as 'quicklist' (the small-list listpack
 * encoding arrived in 7.2), whatever list-max-listpack-size says; the limit
 * only sizes the nodes, as it does in Redis.
 */
import { derived } from '../config/config.js';
import { Deque } from './deque.js';

export interface ListLimits {
  /** list-max-listpack-size: n > 0 caps a node at n elements, -1..-5 at 4..64 KB. */
  listMaxListpackSize: number;
}

export const listLimits = derived((config): ListLimits => ({ listMaxListpackSize: config.num('list-max-listpack-size') }));

/** Most elements in one node, whatever the limit says: bounds shift/unshift and repacking cost. */
const NODE_MAX_ITEMS = 128;
const SIZE_LIMITS = [4096, 8192, 16384, 32768, 65536];

/** Where each element of a packed node ends in its data. */
export type PackedEnds = Uint16Array | Uint32Array;

class Node {
  /** Open form, or null when packed. */
  items: string[] | null;
  /**
   * Elements pushed at the head of an open node since it was last opened,
   * newest last: they precede `items`. Array.unshift moves every element and
   * runs the write barrier over each slot again; with this, LPUSH is a push
   * and the merge waits for the next other access.
   */
  front: string[] | null = null;
  /** Packed form: the elements back to back, and where each one ends. */
  data = '';
  ends: PackedEnds | null = null;
  count: number;
  bytes: number;

  constructor(items: string[], bytes: number) {
    this.items = items;
    this.count = items.length;
    this.bytes = bytes;
  }

  open(): string[] {
    let items = this.items;
    if (items !== null) {
      const front = this.front;
      if (front === null) return items;
      this.front = null;
      items = this.items = front.reverse().concat(items);
      return items;
    }
    const ends = this.ends!;
    const data = this.data;
    items = new Array<string>(this.count);
    let start = 0;
    for (let i = 0; i < this.count; i++) {
      const end = ends[i];
      items[i] = data.slice(start, end);
      start = end;
    }
    this.items = items;
    this.data = '';
    this.ends = null;
    return items;
  }

  pack(): void {
    if (this.items === null) return;
    const items = this.open();
    const data = items.join('');
    const ends = data.length < 65536 ? new Uint16Array(items.length) : new Uint32Array(items.length);
    let off = 0;
    for (let i = 0; i < items.length; i++) {
      off += items[i].length;
      ends[i] = off;
    }
    this.data = data;
    this.ends = ends;
    this.items = null;
  }

  get(i: number): string {
    if (this.items !== null) {
      const front = this.front;
      if (front === null) return this.items[i];
      return i < front.length ? front[front.length - 1 - i] : this.items[i - front.length];
    }
    const ends = this.ends!;
    return this.data.slice(i === 0 ? 0 : ends[i - 1], ends[i]);
  }

  /** Whether the node may contain element: a packed node rules most misses out with one search. */
  mayContain(element: string): boolean {
    return this.items !== null || this.data.indexOf(element) !== -1;
  }
}

export class ListValue {
  private readonly nodes = new Deque<Node>();
  private len = 0;
  private readonly maxItems: number;
  private readonly maxBytes: number;

  constructor(private readonly limits: ListLimits = { listMaxListpackSize: -2 }) {
    const l = limits.listMaxListpackSize;
    if (l > 0) {
      this.maxItems = Math.min(l, NODE_MAX_ITEMS);
      this.maxBytes = Infinity;
    } else {
      this.maxItems = NODE_MAX_ITEMS;
      this.maxBytes = SIZE_LIMITS[Math.min(Math.max(-l, 1), 5) - 1];
    }
  }

  get length(): number {
    return this.len;
  }

  static fromArray(items: string[], limits: ListLimits): ListValue {
    const l = new ListValue(limits);
    for (let i = 0; i < items.length; i++) l.pushTail(items[i]);
    return l;
  }

  toArray(): string[] {
    const out = new Array<string>(this.len);
    let k = 0;
    const nodes = this.nodes;
    for (let ni = 0; ni < nodes.length; ni++) {
      const n = nodes.at(ni);
      for (let i = 0; i < n.count; i++) out[k++] = n.get(i);
    }
    return out;
  }

  clone(): ListValue {
    const l = new ListValue(this.limits);
    for (let ni = 0; ni < this.nodes.length; ni++) {
      const n = this.nodes.at(ni);
      const copy = new Node(n.items === null ? [] : n.open().slice(), n.bytes);
      if (n.items === null) {
        copy.items = null;
        copy.data = n.data;
        copy.ends = n.ends!.slice();
      }
      copy.count = n.count;
      l.nodes.push(copy);
    }
    l.len = this.len;
    return l;
  }

  encoding(): string {
    return 'quicklist';
  }

  private fits(n: Node, extraBytes: number): boolean {
    return n.count < this.maxItems && (n.bytes + extraBytes <= this.maxBytes || n.count === 0);
  }

  pushHead(v: string): void {
    const nodes = this.nodes;
    let n = nodes.first();
    if (n === undefined || !this.fits(n, v.length)) {
      if (n !== undefined && nodes.length > 1) n.pack();
      n = new Node([], 0);
      nodes.unshift(n);
    }
    if (n.items === null) n.open();
    (n.front ??= []).push(v);
    n.count++;
    n.bytes += v.length;
    this.len++;
  }

  pushTail(v: string): void {
    const nodes = this.nodes;
    let n = nodes.last();
    if (n === undefined || !this.fits(n, v.length)) {
      if (n !== undefined && nodes.length > 1) n.pack();
      n = new Node([], 0);
      nodes.push(n);
    }
    n.open().push(v);
    n.count++;
    n.bytes += v.length;
    this.len++;
  }

  popHead(): string | undefined {
    const n = this.nodes.first();
    if (n === undefined) return undefined;
    const front = n.front;
    const v = front !== null && front.length > 0 ? front.pop()! : n.open().shift()!;
    this.took(n, 0, v);
    return v;
  }

  popTail(): string | undefined {
    const n = this.nodes.last();
    if (n === undefined) return undefined;
    const v = n.open().pop()!;
    this.took(n, this.nodes.length - 1, v);
    return v;
  }

  private took(n: Node, at: number, v: string): void {
    n.count--;
    n.bytes -= v.length;
    this.len--;
    if (n.count === 0) this.nodes.remove(at);
  }

  /** Element at a 0-based index (negative counts from the tail), or undefined out of range. */
  index(i: number): string | undefined {
    if (i < 0) i += this.len;
    if (i < 0 || i >= this.len) return undefined;
    const [ni, off] = this.locate(i);
    return this.nodes.at(ni).get(off);
  }

  /** Replaces the element at a valid index; false when out of range. */
  set(i: number, v: string): boolean {
    if (i < 0) i += this.len;
    if (i < 0 || i >= this.len) return false;
    const [ni, off] = this.locate(i);
    const n = this.nodes.at(ni);
    const items = n.open();
    n.bytes += v.length - items[off].length;
    items[off] = v;
    this.settle(ni);
    return true;
  }

  /** Node index and offset of a valid element index, walking from the nearer end. */
  private locate(i: number): [number, number] {
    const nodes = this.nodes;
    if (i < this.len >>> 1) {
      let ni = 0;
      while (i >= nodes.at(ni).count) i -= nodes.at(ni++).count;
      return [ni, i];
    }
    let rest = this.len - 1 - i;
    let ni = nodes.length - 1;
    while (rest >= nodes.at(ni).count) rest -= nodes.at(ni--).count;
    return [ni, nodes.at(ni).count - 1 - rest];
  }

  /**
   * Walks elements start..end (inclusive, already clamped to the list), head
   * to tail, a node's share at a time: an open node's as its items [from, to),
   * a packed node's as its data, end offsets and indexes [from, to), so a
   * reply can copy each share at once instead of element by element.
   */
  forRange(
    start: number,
    end: number,
    open: (items: readonly string[], from: number, to: number) => void,
    packed: (data: string, ends: PackedEnds, from: number, to: number) => void,
  ): void {
    if (start > end) return;
    let [ni, off] = this.locate(start);
    let left = end - start + 1;
    const nodes = this.nodes;
    while (left > 0) {
      const n = nodes.at(ni++);
      const stop = Math.min(n.count, off + left);
      if (n.items === null) packed(n.data, n.ends!, off, stop);
      else open(n.open(), off, stop);
      left -= stop - off;
      off = 0;
    }
  }

  /** Elements start..end (inclusive, clamped), head to tail. */
  range(start: number, end: number): string[] {
    const out: string[] = [];
    this.forRange(
      start,
      end,
      (items, from, to) => {
        for (let i = from; i < to; i++) out.push(items[i]);
      },
      (data, ends, from, to) => {
        for (let i = from; i < to; i++) out.push(data.slice(i === 0 ? 0 : ends[i - 1], ends[i]));
      },
    );
    return out;
  }

  /**
   * Inserts v before or after the first occurrence of pivot (from the head).
   * Returns the new length, or -1 if pivot is absent.
   */
  insert(pivot: string, v: string, after: boolean): number {
    const nodes = this.nodes;
    for (let ni = 0; ni < nodes.length; ni++) {
      const n = nodes.at(ni);
      if (!n.mayContain(pivot)) continue;
      for (let i = 0; i < n.count; i++) {
        if (n.get(i) !== pivot) continue;
        const items = n.open();
        items.splice(after ? i + 1 : i, 0, v);
        n.count++;
        n.bytes += v.length;
        this.len++;
        this.settle(ni);
        return this.len;
      }
    }
    return -1;
  }

  /**
   * LREM: removes up to |count| occurrences of v, from the head when count > 0,
   * from the tail when count < 0, all of them when 0. Returns how many.
   */
  remove(count: number, v: string): number {
    const limit = count === 0 ? Infinity : Math.abs(count);
    let removed = 0;
    const fromTail = count < 0;
    const nodes = this.nodes;
    let ni = fromTail ? nodes.length - 1 : 0;
    while (removed < limit && ni >= 0 && ni < nodes.length) {
      const n = nodes.at(ni);
      let hit = false;
      if (n.mayContain(v)) {
        const items = n.open();
        if (fromTail) {
          for (let i = items.length - 1; i >= 0 && removed < limit; i--) {
            if (items[i] === v) {
              items.splice(i, 1);
              removed++;
              hit = true;
            }
          }
        } else {
          let w = 0;
          for (let i = 0; i < items.length; i++) {
            if (items[i] === v && removed < limit) {
              removed++;
              hit = true;
            } else items[w++] = items[i];
          }
          items.length = w;
        }
      }
      if (hit) {
        const n2 = n.items!;
        const before = n.count;
        n.count = n2.length;
        n.bytes -= (before - n.count) * v.length;
        this.len -= before - n.count;
      }
      // Forward, a node that vanished or swallowed its successor is looked at again.
      const same = this.settle(ni);
      if (fromTail) ni--;
      else if (same) ni++;
    }
    return removed;
  }

  /** LTRIM: keeps elements start..end (inclusive, clamped; start > end empties the list). */
  trim(start: number, end: number): void {
    if (start > end || start >= this.len) {
      this.nodes.clear();
      this.len = 0;
      return;
    }
    let dropHead = start;
    let dropTail = this.len - 1 - end;
    const nodes = this.nodes;
    while (dropHead > 0 && nodes.at(0).count <= dropHead) {
      dropHead -= nodes.at(0).count;
      this.len -= nodes.at(0).count;
      nodes.shift();
    }
    if (dropHead > 0) {
      const n = nodes.at(0);
      const gone = n.open().splice(0, dropHead);
      this.shrunk(n, gone);
    }
    while (dropTail > 0 && nodes.at(nodes.length - 1).count <= dropTail) {
      const n = nodes.pop()!;
      dropTail -= n.count;
      this.len -= n.count;
    }
    if (dropTail > 0) {
      const n = nodes.at(nodes.length - 1);
      const items = n.open();
      const gone = items.splice(items.length - dropTail, dropTail);
      this.shrunk(n, gone);
    }
  }

  private shrunk(n: Node, gone: string[]): void {
    let b = 0;
    for (const g of gone) b += g.length;
    n.count -= gone.length;
    n.bytes -= b;
    this.len -= gone.length;
  }

  /**
   * LPOS: indexes of matches of v. rank > 0 skips rank-1 matches from the head,
   * rank < 0 scans from the tail; count 0 means all; maxlen 0 scans everything.
   */
  positions(v: string, rank: number, count: number, maxlen: number): number[] {
    const out: number[] = [];
    const want = count === 0 ? Infinity : count;
    let skip = Math.abs(rank) - 1;
    const scanLimit = maxlen === 0 ? Infinity : maxlen;
    const nodes = this.nodes;
    let scanned = 0;
    if (rank > 0) {
      let base = 0;
      for (let ni = 0; ni < nodes.length && scanned < scanLimit; ni++) {
        const n = nodes.at(ni);
        if (!n.mayContain(v)) {
          const step = Math.min(n.count, scanLimit - scanned);
          scanned += step;
          base += n.count;
          continue;
        }
        for (let i = 0; i < n.count && scanned < scanLimit; i++, scanned++) {
          if (n.get(i) !== v) continue;
          if (skip > 0) skip--;
          else {
            out.push(base + i);
            if (out.length >= want) return out;
          }
        }
        base += n.count;
      }
    } else {
      let base = this.len;
      for (let ni = nodes.length - 1; ni >= 0 && scanned < scanLimit; ni--) {
        const n = nodes.at(ni);
        base -= n.count;
        if (!n.mayContain(v)) {
          scanned += Math.min(n.count, scanLimit - scanned);
          continue;
        }
        for (let i = n.count - 1; i >= 0 && scanned < scanLimit; i--, scanned++) {
          if (n.get(i) !== v) continue;
          if (skip > 0) skip--;
          else {
            out.push(base + i);
            if (out.length >= want) return out;
          }
        }
      }
    }
    return out;
  }

  /**
   * After a middle edit of node ni: drops it if empty, splits it if it grew
   * past the limits, merges it with a small neighbour, and packs interior
   * nodes. Returns true if position ni still holds the same elements.
   */
  private settle(ni: number): boolean {
    const nodes = this.nodes;
    const n = nodes.at(ni);
    if (n.count === 0) {
      nodes.remove(ni);
      return false;
    }
    if (n.count > this.maxItems || (n.bytes > this.maxBytes && n.count > 1)) {
      const items = n.open();
      const half = items.length >>> 1;
      const rest = items.splice(half);
      let b = 0;
      for (const r of rest) b += r.length;
      n.count = items.length;
      n.bytes -= b;
      const m = new Node(rest, b);
      nodes.insert(ni + 1, m);
      this.packIfInterior(ni + 1);
    } else if (ni + 1 < nodes.length && n.count + nodes.at(ni + 1).count <= this.maxItems >>> 1) {
      const next = nodes.at(ni + 1);
      const items = n.open();
      for (const x of next.open()) items.push(x);
      n.count = items.length;
      n.bytes += next.bytes;
      nodes.remove(ni + 1);
      this.packIfInterior(ni);
      return false;
    }
    this.packIfInterior(ni);
    return true;
  }

  private packIfInterior(ni: number): void {
    if (ni > 0 && ni < this.nodes.length - 1) this.nodes.at(ni).pack();
  }

  /** Approximate bytes used, for MEMORY USAGE. */
  memoryUsage(): number {
    let total = 48;
    for (let ni = 0; ni < this.nodes.length; ni++) {
      const n = this.nodes.at(ni);
      total += 64 + n.bytes + (n.items !== null ? n.count * 24 : n.ends!.byteLength);
    }
    return total;
  }
}
