/**
 * DUMP and RESTORE: values serialized in Redis's payload format (an RDB
 * value, the RDB version and a CRC-64), interchangeable with redis-server.
 */
import type { CommandSpec } from '../spec.js';
import { createDumpPayload, decodeDumpPayload, verifyDumpPayload } from '../../persistence/rdb/dump.js';
import { plainToObject, writeOptions } from '../../persistence/rdb/objects.js';
import { RdbFormatError } from '../../persistence/rdb/io.js';
import { releaseObject, type RObj } from '../../keyspace/object.js';
import { Err } from '../../errors.js';
import { eqi, parseI64, parseInteger, bytes } from '../args.js';
import { addKey, alreadyExpired, command, lfuPolicy } from './common.js';
import { lfuWithCounter } from '../../keyspace/lfu.js';

export const dumpCommands: CommandSpec[] = [
  // DUMP key
  command('dump', (ctx, c, argv, out) => {
    const obj = c.db.lookupRead(argv[1]);
    if (obj === undefined) return out.null();
    out.bulk(createDumpPayload(obj, writeOptions(ctx.config, ctx.listPackedThreshold)));
  }),
  // RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]
  command('restore', (ctx, c, argv, out) => {
    let replace = false;
    let absttl = false;
    let idle = -1;
    let freq = -1;
    for (let j = 4; j < argv.length; j++) {
      const more = argv.length - j - 1;
      if (eqi(argv[j], 'replace')) {
        replace = true;
      } else if (eqi(argv[j], 'absttl')) {
        absttl = true;
      } else if (eqi(argv[j], 'idletime') && more >= 1 && freq === -1) {
        const v = parseInteger(argv[j + 1]);
        if (v === null) return out.error(Err.NOT_INTEGER);
        if (v < 0) return out.error(Err.INVALID_IDLETIME);
        idle = v;
        j++;
      } else if (eqi(argv[j], 'freq') && more >= 1 && idle === -1) {
        const v = parseInteger(argv[j + 1]);
        if (v === null) return out.error(Err.NOT_INTEGER);
        if (v < 0 || v > 255) return out.error(Err.INVALID_FREQ);
        freq = v;
        j++;
      } else {
        return out.error(Err.SYNTAX);
      }
    }
    const key = argv[1];
    // Redis checks the key before the TTL and the payload.
    if (!replace && c.db.lookupWrite(key) !== undefined) return out.error(Err.BUSYKEY);
    const ttlArg = parseI64(argv[2]);
    if (ttlArg === null) return out.error(Err.NOT_INTEGER);
    if (ttlArg < 0n) return out.error(Err.INVALID_TTL);
    const payload = bytes(argv[3]);
    if (!verifyDumpPayload(payload, ctx.skipChecksumValidation)) return out.error(Err.DUMP_PAYLOAD);
    let obj: RObj;
    try {
      obj = plainToObject(decodeDumpPayload(payload), ctx.config, ctx.keyspace.lruClock());
    } catch (e) {
      if (e instanceof RdbFormatError) return out.error(Err.BAD_DATA_FORMAT);
      throw e;
    }
    const deleted = replace && c.db.delete(key);
    let ttl = Number(ttlArg);
    if (ttl !== 0 && !absttl) ttl += ctx.keyspace.now();
    if (ttl !== 0 && alreadyExpired(ctx, ttl)) {
      // Restored already dead: only the replaced key's removal is visible.
      releaseObject(obj);
      if (deleted) ctx.keyspace.touch(c.db, key, 'g', 'del');
      return out.ok();
    }
    addKey(ctx, c.db, key, obj);
    if (ttl !== 0) c.db.setExpire(key, ttl);
    if (freq >= 0 && lfuPolicy(ctx)) obj.lru = lfuWithCounter(ctx.keyspace.now(), freq);
    else if (idle >= 0 && !lfuPolicy(ctx)) obj.lru = ctx.keyspace.lruClock() - idle;
    ctx.keyspace.touch(c.db, key, 'g', 'restore');
    out.ok();
  }),
];
