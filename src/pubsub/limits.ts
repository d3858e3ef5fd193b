/**
 * client-output-buffer-limit for clients that receive out-of-band data
 * (pub/sub messages, tracking invalidations). Redis's rule: over the hard
 * limit, or over the soft limit for more than soft-seconds (counted in
 * whole seconds from the first delivery that saw it over), the client is
 * closed at once and whatever it had not read yet is dropped.
 *
 * Pending output is what our reply buffer holds plus what Node's socket
 * has not handed to the kernel yet: for a reader that stopped, that is
 * exactly the memory it costs us.
 */
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import type { ClientSubs } from './pubsub.js';
import type { BufferLimit } from '../config/special.js';
import { clientInfoLine } from '../commands/client.js';

export class OutputLimits {
  constructor(private readonly ctx: ServerContext) {}

  /** True when c must be closed; keeps the soft-limit clock in subs. */
  exceeded(c: Client, subs: ClientSubs): boolean {
    const limits = this.ctx.config.outputBufferLimits;
    const limit: BufferLimit = c.pubsubCount !== 0 ? limits.pubsub : limits.normal;
    if (limit.hard === 0 && limit.soft === 0) return false;
    const used = c.outputPending;
    if (limit.hard !== 0 && used >= limit.hard) return true;
    if (limit.soft !== 0 && used >= limit.soft) {
      const now = Math.floor(Date.now() / 1000);
      if (subs.softSince === 0) {
        subs.softSince = now;
        return false;
      }
      return now - subs.softSince > limit.softSeconds;
    }
    subs.softSince = 0;
    return false;
  }

  /** Closes a client over its limit, dropping its unsent output. */
  close(c: Client): void {
    if (c.closed) return;
    // Redis names the client by its full CLIENT LIST line.
    this.ctx.log.warning(`Client ${clientInfoLine(c, null)} scheduled to be closed ASAP for overcoming of output buffer limits.`);
    c.close();
    c.socket?.destroy();
  }
}
