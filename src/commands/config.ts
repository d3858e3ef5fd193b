import type { CommandSpec } from './spec.js';

export const configCommands: CommandSpec[] = [];
