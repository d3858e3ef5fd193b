/**
 * Off-heap storage for string values of up to MAX_STORED bytes.
 *
 * Why: a value kept in the keyspace as a JS string is born in V8's young
 * generation and copied twice by the scavenger (to the survivor space,
 * then to the old generation) before it settles, and every old object
 * pointing at it is a remembered-set entry to process. Under a write-heavy
 * load (MSET of 64-byte values) the main thread spent an eighth of its
 * time in those collections (660 ms in 5.5 s; 28 ms with this store), and
 * helper threads as much again on the core the clients need. Here the bytes are copied once into a slot of a preallocated
 * chunk, outside the V8 heap, and the key's RObj holds a small integer
 * handle, which the GC never looks at.
 *
 * Slots come in size classes like a malloc's (16 to 512 bytes). A slot
 * starts with the value's length (2 bytes, little-endian). A handle is
 * slot * 32 + class, a Smi below 2^30.
 *
 * Ownership: the RObj holding a handle owns the slot. The keyspace frees it
 * when the object leaves for good (Db.delete/set/clear, a new value);
 * moving an object to another key or database (RENAME, MOVE) keeps it.
 */

import { latin1String } from '../protocol/latin1.js';

/** Longest value kept here: the largest slot less its length prefix. */
export const MAX_STORED = 510;

const SLOT_SIZES = [16, 24, 32, 40, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512];
const CLASS_BITS = 5;
const CLASS_MASK = (1 << CLASS_BITS) - 1;
const CHUNK_SHIFT = 9;
const SLOTS_PER_CHUNK = 1 << CHUNK_SHIFT;
/** Handles must stay Smis (31 bits with pointer compression). */
const MAX_SLOTS = 1 << (30 - CLASS_BITS);
/**
 * Up to these lengths a JS loop copies faster than a call into C++ (about
 * 80 ns): a string's chars cost ~2.7 ns each, a Buffer's bytes less.
 */
const SHORT_WRITE = 24;
const SHORT_COPY = 48;

/** Class index by total slot bytes needed (length + 2). */
const CLASS_OF = new Uint8Array(MAX_STORED + 3);
for (let need = 0, c = 0; need <= MAX_STORED + 2; need++) {
  while (SLOT_SIZES[c] < need) c++;
  CLASS_OF[need] = c;
}

class SizeClass {
  readonly chunks: Buffer[] = [];
  /** Slots handed out so far; those below it are in use or on the free list. */
  next = 0;
  free = new Int32Array(64);
  freeCount = 0;

  constructor(readonly size: number) {}
}

const classes = SLOT_SIZES.map((s) => new SizeClass(s));
let usedBytes = 0;
let reservedBytes = 0;

/** Whether a value of n bytes can be kept here. */
export function storable(n: number): boolean {
  return n > 0 && n <= MAX_STORED;
}

function allocate(n: number): number {
  const cls = CLASS_OF[n + 2];
  const sc = classes[cls];
  let slot: number;
  if (sc.freeCount > 0) slot = sc.free[--sc.freeCount];
  else {
    if (sc.next >= MAX_SLOTS) return -1;
    slot = sc.next++;
    if (slot >>> CHUNK_SHIFT === sc.chunks.length) {
      sc.chunks.push(Buffer.allocUnsafeSlow(SLOTS_PER_CHUNK * sc.size));
      reservedBytes += SLOTS_PER_CHUNK * sc.size;
    }
  }
  usedBytes += sc.size;
  return slot * (CLASS_MASK + 1) + cls;
}

function chunkOf(h: number): Buffer {
  return classes[h & CLASS_MASK].chunks[h >>> (CLASS_BITS + CHUNK_SHIFT)];
}

/** Byte offset of the slot's length prefix in its chunk. */
function offsetOf(h: number): number {
  return ((h >>> CLASS_BITS) & (SLOTS_PER_CHUNK - 1)) * SLOT_SIZES[h & CLASS_MASK];
}

function write(h: number, s: string): void {
  const buf = chunkOf(h);
  let p = offsetOf(h);
  const n = s.length;
  buf[p] = n & 0xff;
  buf[p + 1] = n >>> 8;
  p += 2;
  if (n > SHORT_WRITE) buf.latin1Write(s, p, n);
  else for (let i = 0; i < n; i++) buf[p + i] = s.charCodeAt(i);
}

/** Keeps a latin1 string (storable length); the handle, or -1 when the class is full. */
export function storeString(s: string): number {
  const h = allocate(s.length);
  if (h >= 0) write(h, s);
  return h;
}

/** Replaces the value at h, in place when it fits the same class; the new handle, or -1 (h freed). */
export function replaceString(h: number, s: string): number {
  if (CLASS_OF[s.length + 2] === (h & CLASS_MASK)) {
    write(h, s);
    return h;
  }
  freeString(h);
  return storeString(s);
}

export function freeString(h: number): void {
  const sc = classes[h & CLASS_MASK];
  if (sc.freeCount === sc.free.length) {
    const grown = new Int32Array(sc.free.length * 2);
    grown.set(sc.free);
    sc.free = grown;
  }
  sc.free[sc.freeCount++] = h >>> CLASS_BITS;
  usedBytes -= sc.size;
}

/**
 * A latin1 string in the form to keep it: a handle when it fits (reusing
 * prev's slot when the size class is the same), else the string itself.
 * prev, the value it replaces, is released.
 */
export function keepLatin1(prev: number | string | undefined, s: string): number | string {
  if (storable(s.length)) {
    const h = typeof prev === 'number' ? replaceString(prev, s) : storeString(s);
    return h < 0 ? s : h;
  }
  if (typeof prev === 'number') freeString(prev);
  return s;
}

/** The string form of a kept value. */
export function latin1Of(v: number | string): string {
  return typeof v === 'number' ? storedLatin1(v) : v;
}

/** An independent copy of the value at h (COPY): a second handle, or the string when the class is full. */
export function dupString(h: number): number | string {
  const n = storedLength(h);
  const d = allocate(n);
  if (d < 0) return storedLatin1(h);
  const from = offsetOf(h);
  chunkOf(h).copy(chunkOf(d), offsetOf(d), from, from + n + 2);
  return d;
}

export function storedLength(h: number): number {
  const buf = chunkOf(h);
  const p = offsetOf(h);
  return buf[p] | (buf[p + 1] << 8);
}

export function storedLatin1(h: number): string {
  return latin1String(chunkOf(h), offsetOf(h) + 2, storedLength(h));
}

/** A view of the bytes: read it before the value changes, never write through it. */
export function storedBytes(h: number): Buffer {
  const p = offsetOf(h) + 2;
  return chunkOf(h).subarray(p, p + storedLength(h));
}

/** Copies the bytes into dst at pos; returns the position after them. */
export function copyStored(h: number, dst: Uint8Array, pos: number): number {
  const buf = chunkOf(h);
  let p = offsetOf(h);
  const n = buf[p] | (buf[p + 1] << 8);
  p += 2;
  if (n > SHORT_COPY) return pos + buf.copy(dst, pos, p, p + n);
  for (let i = 0; i < n; i++) dst[pos + i] = buf[p + i];
  return pos + n;
}

/** Chunk bytes reserved but not holding a value: memory the allocator has, not the data. */
export function storeSpareBytes(): number {
  return reservedBytes - usedBytes;
}

/** Bytes of the slots holding values. */
export function storeUsedBytes(): number {
  return usedBytes;
}
