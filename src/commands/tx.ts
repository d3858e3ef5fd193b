import type { CommandSpec } from './spec.js';

export const txCommands: CommandSpec[] = [];
