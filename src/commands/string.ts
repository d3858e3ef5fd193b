/**
 * The string family. Its commands live in ./string/ by theme; this file
 * lists them for the command table.
 */
import type { CommandSpec } from './spec.js';
import { getsetCommands } from './string/getset.js';
import { rangeCommands } from './string/range.js';
import { counterCommands } from './string/counter.js';
import { lcsCommands } from './string/lcs.js';

export const stringCommands: CommandSpec[] = [...getsetCommands, ...rangeCommands, ...counterCommands, ...lcsCommands];
