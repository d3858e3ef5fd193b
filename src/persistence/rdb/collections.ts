/**
 * The collection type classes (src/types/*), as far as the generic key
 * commands and the RDB codec use them (TYPES.md contract). They are loaded
 * dynamically so this code also runs while a type module is still missing:
 * such a type then reports itself unavailable instead of crashing start-up.
 */
import type { Config } from '../../config/config.js';

export interface CollectionValue {
  clone(): CollectionValue;
  encoding(): string;
}
export interface ListLike extends CollectionValue {
  readonly length: number;
  toArray(): string[];
}
export interface HashLike extends CollectionValue {
  readonly size: number;
  toArray(): [string, string][];
  get(field: string): string | undefined;
}
export interface SetLike extends CollectionValue {
  readonly size: number;
  toArray(): string[];
  has(member: string): boolean;
}
export interface ZSetLike extends CollectionValue {
  readonly size: number;
  toArray(): [string, number][];
  score(member: string): number | undefined;
}

interface TypeModule<C> {
  ctor: C;
  limits(config: Config): unknown;
}

export interface Collections {
  list: TypeModule<{ fromArray(items: string[], limits: unknown): ListLike }> | null;
  hash: TypeModule<{ fromPairs(pairs: [string, string][], limits: unknown): HashLike }> | null;
  set: TypeModule<{ fromArray(members: string[], limits: unknown): SetLike }> | null;
  zset: TypeModule<{ fromPairs(pairs: [string, number][], limits: unknown): ZSetLike }> | null;
}

async function load<C>(file: string, cls: string, limits: string): Promise<TypeModule<C> | null> {
  try {
    const mod = (await import(file)) as Record<string, unknown>;
    const ctor = mod[cls] as C | undefined;
    const lim = mod[limits] as ((config: Config) => unknown) | undefined;
    if (ctor === undefined || lim === undefined) return null;
    return { ctor, limits: lim };
  } catch {
    return null;
  }
}

// Specifiers in variables: the compiler must not insist on files that may not exist yet.
const LIST = '../../types/list.js';
const HASH = '../../types/hash.js';
const SET = '../../types/set.js';
const ZSET = '../../types/zset.js';

export const collections: Collections = {
  list: await load(LIST, 'ListValue', 'listLimits'),
  hash: await load(HASH, 'HashValue', 'hashLimits'),
  set: await load(SET, 'SetValue', 'setLimits'),
  zset: await load(ZSET, 'ZSetValue', 'zsetLimits'),
};
