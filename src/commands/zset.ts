/** Sorted-set commands: the family lives in ./zset/. */
export { zsetCommands } from './zset/index.js';
