/**
 * A mutable byte string with spare capacity, so APPEND is amortised O(1)
 * and SETRANGE/SETBIT change bytes in place instead of copying the value.
 */
export class RawString {
  private buf: Buffer;
  length: number;

  constructor(initial: Buffer | string, capacity = 0) {
    const src = typeof initial === 'string' ? Buffer.from(initial, 'latin1') : initial;
    this.buf = Buffer.alloc(Math.max(capacity, src.length));
    src.copy(this.buf);
    this.length = src.length;
  }

  /** The live bytes; valid until the next mutation. */
  view(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  toLatin1(): string {
    return this.buf.latin1Slice(0, this.length);
  }

  /** Grows to at least n bytes, zero-filling; capacity doubles so repeated growth is amortised. */
  ensureLength(n: number): void {
    if (n <= this.length) return;
    if (n > this.buf.length) {
      let cap = Math.max(this.buf.length * 2, 16);
      if (cap < n) cap = n;
      // Past 1 MB grow by 1 MB steps like Redis's sds, not by doubling.
      if (n > 1024 * 1024) cap = Math.max(n, Math.min(cap, n + 1024 * 1024));
      const next = Buffer.alloc(cap);
      this.buf.copy(next, 0, 0, this.length);
      this.buf = next;
    } else {
      this.buf.fill(0, this.length, n);
    }
    this.length = n;
  }

  append(bytes: Uint8Array): void {
    const at = this.length;
    this.ensureLength(at + bytes.length);
    this.buf.set(bytes, at);
  }

  write(offset: number, bytes: Uint8Array): void {
    this.ensureLength(offset + bytes.length);
    this.buf.set(bytes, offset);
  }

  /** Bytes held including spare capacity, for MEMORY USAGE. */
  get capacity(): number {
    return this.buf.length;
  }
}
