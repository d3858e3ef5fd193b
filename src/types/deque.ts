/**
 * A ring buffer: an indexable sequence with O(1) insertion and removal at
 * both ends. The list type keeps its nodes in one, because a JS array's
 * unshift (and shift, once the array is too big to trim in place) moves every
 * element: LPUSH on a list of millions spent its time moving node pointers.
 */
export class Deque<T> {
  private slots: (T | undefined)[] = new Array(8);
  private mask = 7;
  private head = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  /** Element i, 0 <= i < length. */
  at(i: number): T {
    return this.slots[(this.head + i) & this.mask] as T;
  }

  first(): T | undefined {
    return this.size === 0 ? undefined : this.slots[this.head];
  }

  last(): T | undefined {
    return this.size === 0 ? undefined : this.slots[(this.head + this.size - 1) & this.mask];
  }

  push(v: T): void {
    if (this.size === this.slots.length) this.grow();
    this.slots[(this.head + this.size++) & this.mask] = v;
  }

  unshift(v: T): void {
    if (this.size === this.slots.length) this.grow();
    this.head = (this.head - 1) & this.mask;
    this.slots[this.head] = v;
    this.size++;
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const v = this.slots[this.head];
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.size--;
    return v;
  }

  pop(): T | undefined {
    if (this.size === 0) return undefined;
    const at = (this.head + --this.size) & this.mask;
    const v = this.slots[at];
    this.slots[at] = undefined;
    return v;
  }

  /** Inserts v before element i (0 <= i <= length), moving the elements after it. */
  insert(i: number, v: T): void {
    if (this.size === this.slots.length) this.grow();
    const s = this.slots;
    const mask = this.mask;
    for (let k = this.size; k > i; k--) s[(this.head + k) & mask] = s[(this.head + k - 1) & mask];
    s[(this.head + i) & mask] = v;
    this.size++;
  }

  /** Removes element i (0 <= i < length), moving the elements after it. */
  remove(i: number): void {
    if (i === 0) {
      this.shift();
      return;
    }
    const s = this.slots;
    const mask = this.mask;
    for (let k = i; k < this.size - 1; k++) s[(this.head + k) & mask] = s[(this.head + k + 1) & mask];
    s[(this.head + --this.size) & mask] = undefined;
  }

  clear(): void {
    this.slots = new Array(8);
    this.mask = 7;
    this.head = 0;
    this.size = 0;
  }

  private grow(): void {
    const next = new Array<T | undefined>(this.slots.length * 2);
    for (let k = 0; k < this.size; k++) next[k] = this.slots[(this.head + k) & this.mask];
    this.slots = next;
    this.mask = next.length - 1;
    this.head = 0;
  }
}
