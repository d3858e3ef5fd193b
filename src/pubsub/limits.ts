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
import { parseOutputBufferLimits, type BufferLimit, type OutputBufferLimits } from '../config/special.js';

const OPTION = 'client-output-buffer-limit';
/** Redis 7.0's default, used until the option exists in the schema. */
const DEFAULT = 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60';

export class OutputLimits {
  private raw = '';
  private parsed: OutputBufferLimits | null = null;
  private readonly hasOption: boolean;

  constructor(private readonly ctx: ServerContext) {
    this.hasOption = ctx.config.def(OPTION) !== undefined;
  }

  /** The limits in force; re-parsed only when the option's text changed. */
  current(): OutputBufferLimits {
    const raw = this.hasOption ? this.ctx.config.get(OPTION) : DEFAULT;
    if (raw !== this.raw || this.parsed === null) {
      this.raw = raw;
      this.parsed = parseOutputBufferLimits(raw);
    }
    return this.parsed;
  }

  /** True when c must be closed; keeps the soft-limit clock in subs. */
  exceeded(c: Client, subs: ClientSubs): boolean {
    const limits = this.current();
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
    this.ctx.log.warning(`Client ${c.describe()} scheduled to be closed ASAP for overcoming of output buffer limits.`);
    const count = (this.ctx.ext.obufLimitDisconnections as number | undefined) ?? 0;
    this.ctx.ext.obufLimitDisconnections = count + 1;
    c.close();
    c.socket?.destroy();
  }
}
