/**
 * The sorted-set family, in Redis's t_zset.c split by concern: member
 * operations, ranges, set algebra and pops.
 */
import type { CommandSpec } from '../spec.js';
import { basicCommands } from './basic.js';
import { rangeCommands } from './range.js';
import { setOpCommands } from './setops.js';
import { popCommands } from './pop.js';

export const zsetCommands: CommandSpec[] = [...basicCommands, ...rangeCommands, ...setOpCommands, ...popCommands];
