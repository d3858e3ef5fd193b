import type { CommandSpec } from './spec.js';

export const commandCommands: CommandSpec[] = [];
