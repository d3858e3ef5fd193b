/**
 * String commands.
 */
import type { CommandSpec, KeySpec } from './spec.js';
import { RObj } from '../keyspace/object.js';
import { Err } from '../errors.js';
import { str } from './args.js';

const READ_KEY: KeySpec[] = [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { range: { lastkey: 0, keystep: 1, limit: 0 } } }];

export const stringCommands: CommandSpec[] = [
  {
    // GET key
    name: 'get',
    arity: 2,
    flags: ['readonly', 'fast'],
    acl: ['string'],
    keySpecs: READ_KEY,
    group: 'string',
    since: '1.0.0',
    complexity: 'O(1)',
    summary: 'Returns the string value of a key.',
    args: [{ name: 'key', type: 'key', key_spec_index: 0 }],
    run(ctx, c, argv, out) {
      const obj = c.db.lookupRead(str(argv[1]));
      if (obj === undefined) return out.null();
      if (obj.type !== 'string') return out.error(Err.WRONGTYPE);
      const v = obj.value;
      if (typeof v === 'string') out.bulkLatin1(v);
      else out.bulk(v.view());
    },
  },
  {
    // SET key value (options come with the full string family)
    name: 'set',
    arity: -3,
    flags: ['write', 'denyoom'],
    acl: ['string'],
    keySpecs: [
      {
        notes: 'RW and ACCESS due to the optional `GET` argument',
        flags: ['RW', 'access', 'update', 'variable_flags'],
        begin: { index: 1 },
        find: { range: { lastkey: 0, keystep: 1, limit: 0 } },
      },
    ],
    group: 'string',
    since: '1.0.0',
    complexity: 'O(1)',
    summary: 'Sets the string value of a key.',
    run(ctx, c, argv, out) {
      const key = str(argv[1]);
      const old = c.db.lookupWrite(key);
      const value = str(argv[2]);
      if (old !== undefined && old.type === 'string') {
        old.value = value;
        c.db.set(key, old);
      } else {
        c.db.set(key, new RObj('string', value, ctx.keyspace.lruClock()));
      }
      ctx.keyspace.touch(c.db, key, '$', 'set');
      out.ok();
    },
  },
];
