/**
 * The collection type classes (src/types/*), as far as the generic key
 * commands and the RDB codec use them: the TYPES.md contract and nothing
 * more, gathered in one place so the consumers stay decoupled from the
 * classes' other methods.
 */
import { ListValue, listLimits } from '../../types/list.js';
import { HashValue, hashLimits } from '../../types/hash.js';
import { SetValue, setLimits } from '../../types/set.js';
import { ZSetValue, zsetLimits } from '../../types/zset.js';

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

export interface Collections {
  list: { ctor: typeof ListValue; limits: typeof listLimits } | null;
  hash: { ctor: typeof HashValue; limits: typeof hashLimits } | null;
  set: { ctor: typeof SetValue; limits: typeof setLimits } | null;
  zset: { ctor: typeof ZSetValue; limits: typeof zsetLimits } | null;
}

/** Nullable so a type can be declared before its class lands (tests then skip with a reason). */
export const collections: Collections = {
  list: { ctor: ListValue, limits: listLimits },
  hash: { ctor: HashValue, limits: hashLimits },
  set: { ctor: SetValue, limits: setLimits },
  zset: { ctor: ZSetValue, limits: zsetLimits },
};
