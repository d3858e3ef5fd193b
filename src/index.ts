/**
 * The embedding API: `import { startServer } from 'mnemo'`.
 */
export { startServer, type RunningServer, type ServerOptions } from './server.js';
export { MNEMO_VERSION, REDIS_VERSION } from './server/context.js';
