/**
 * The generic key commands ("generic" group): one list for families.ts.
 */
import type { CommandSpec } from '../spec.js';
import { genericCommands } from './generic.js';
import { expireCommands } from './expire.js';
import { sortCommands } from './sort.js';
import { dumpCommands } from './dump.js';

export const keysCommands: CommandSpec[] = [...genericCommands, ...expireCommands, ...sortCommands, ...dumpCommands];
