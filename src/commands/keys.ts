import type { CommandSpec } from './spec.js';

export const keysCommands: CommandSpec[] = [];
