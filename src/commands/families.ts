/**
 * Every command family, in one list: the command table is built from it.
 * A new family file adds one import and one spread here.
 */
import type { CommandSpec } from './spec.js';
import { connectionCommands } from './connection.js';
import { stringCommands } from './string.js';
import { bitmapCommands } from './bitmap.js';
import { keysCommands } from './keys.js';
import { serverCommands } from './server.js';
import { clientCommands } from './client.js';
import { configCommands } from './config.js';
import { commandCommands } from './command.js';
import { listCommands } from './list.js';
import { hashCommands } from './hash.js';
import { setCommands } from './set.js';
import { zsetCommands } from './zset.js';
import { pubsubCommands } from './pubsub.js';
import { txCommands } from './tx.js';
import { moduleCommands } from './module.js';
import { clusterCommands } from './cluster.js';
import { lolwutCommands } from './lolwut.js';
import { migrateCommands } from './migrate.js';
import { hllCommands } from './hll.js';

export function families(): CommandSpec[] {
  return [
    ...connectionCommands,
    ...stringCommands,
    ...bitmapCommands,
    ...keysCommands,
    ...serverCommands,
    ...clientCommands,
    ...configCommands,
    ...commandCommands,
    ...listCommands,
    ...hashCommands,
    ...setCommands,
    ...zsetCommands,
    ...pubsubCommands,
    ...txCommands,
    ...moduleCommands,
    ...clusterCommands,
    ...lolwutCommands,
    ...migrateCommands,
    ...hllCommands,
  ];
}
