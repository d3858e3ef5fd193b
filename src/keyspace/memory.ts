/**
 * What a key costs in memory, in Redis's terms (MEMORY USAGE), also what
 * eviction counts as freed when it removes a key.
 */
import { stringEncoding, strLength, type RObj } from './object.js';

/** Bytes of a stored string as Redis's allocator would round them (sds header + jemalloc size class). */
function sdsAlloc(len: number): number {
  const n = len + 3 + 1;
  if (n <= 8) return 8;
  if (n <= 128) return Math.ceil(n / 16) * 16;
  let cls = 128;
  while (cls < n) cls *= 2;
  return Math.max(cls, Math.ceil(n / (cls / 4)) * (cls / 4));
}

/** An estimate in Redis's terms: dict entry, key, object header and the value's elements (sampled). */
export function objectMemory(key: string, obj: RObj, samples: number): number {
  let bytes = 24 + sdsAlloc(key.length) + 16;
  switch (obj.type) {
    case 'string': {
      const enc = stringEncoding(obj.value);
      if (enc === 'embstr') bytes += sdsAlloc(strLength(obj.value));
      else if (enc === 'raw') bytes += sdsAlloc(typeof obj.value === 'object' ? obj.value.capacity : strLength(obj.value));
      return bytes;
    }
    case 'list':
    case 'set':
    case 'hash':
    case 'zset': {
      const v = obj.value as { toArray(): unknown[]; size?: number; length?: number };
      const all = v.toArray();
      const n = all.length;
      const take = samples === 0 ? n : Math.min(n, samples);
      let sum = 0;
      for (let i = 0; i < take; i++) {
        const e = all[i];
        if (typeof e === 'string') sum += sdsAlloc(e.length) + 24;
        else if (Array.isArray(e)) sum += sdsAlloc(String(e[0]).length) + sdsAlloc(String(e[1]).length) + 24;
      }
      return bytes + (take === 0 ? 0 : Math.round((sum / take) * n)) + 64;
    }
    default:
      return bytes + 256;
  }
}
