/**
 * From decoded RDB values to keyspace objects, through the collection type
 * classes, honouring the encoding limits of the configuration.
 */
import type { Config } from '../../config/config.js';
import { RObj } from '../../keyspace/object.js';
import { collections } from './collections.js';
import { fail } from './io.js';
import { PACKED_THRESHOLD_DEFAULT, type PlainValue, type WriteOptions } from './value.js';

/** Builds the object for a decoded value; throws RdbFormatError when its type is not available. */
export function plainToObject(v: PlainValue, config: Config, lru: number): RObj {
  switch (v.type) {
    case 'string':
      return new RObj('string', v.value, lru);
    case 'list': {
      const m = collections.list ?? fail('list type not available');
      return new RObj('list', m.ctor.fromArray(v.items, m.limits(config)), lru);
    }
    case 'set': {
      const m = collections.set ?? fail('set type not available');
      return new RObj('set', m.ctor.fromArray(v.members, m.limits(config)), lru);
    }
    case 'zset': {
      const m = collections.zset ?? fail('zset type not available');
      return new RObj('zset', m.ctor.fromPairs(v.pairs, m.limits(config)), lru);
    }
    case 'hash': {
      const m = collections.hash ?? fail('hash type not available');
      return new RObj('hash', m.ctor.fromPairs(v.pairs, m.limits(config)), lru);
    }
  }
}

export function writeOptions(config: Config, packedThreshold = PACKED_THRESHOLD_DEFAULT): WriteOptions {
  let compress = true;
  if (config.def('rdbcompression') !== undefined) compress = config.bool('rdbcompression');
  return { listMaxListpackSize: config.num('list-max-listpack-size'), packedThreshold, compress };
}
