/**
 * Generic key commands; the implementation lives in ./keys/.
 */
export { keysCommands } from './keys/index.js';
