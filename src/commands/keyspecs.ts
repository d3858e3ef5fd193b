/**
 * The key specification most commands share: one key at argv[1].
 */
import type { KeySpec, KeySpecFlag } from './spec.js';

/** A single key at index 1 with the given flags (RO/RW/OW/RM plus access/update/insert/delete). */
export function firstKey(...flags: KeySpecFlag[]): KeySpec[] {
  return [{ flags, begin: { index: 1 }, find: { range: { lastkey: 0, keystep: 1, limit: 0 } } }];
}
