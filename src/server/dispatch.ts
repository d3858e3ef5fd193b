/**
 * From argv to reply: lookup, the central gates in Redis's order, MULTI
 * queueing, the call itself and its bookkeeping (stats, slowlog, monitor,
 * after-command hooks). Handlers never repeat these checks.
 */
import type { ServerContext } from './context.js';
import type { Client } from './client.js';
import type { Command } from '../commands/table.js';
import { Err, errArity, errUnknownCommand, errUnknownSubcommand, errPubsubContext } from '../errors.js';
import { cstr } from '../commands/args.js';
import { LatencyHistogram } from './histogram.js';
import { crossProtocolAttack } from './protected.js';
// The module's object, not the global: the global `performance` is a lazy getter that checks its receiver on every access.
import { performance } from 'node:perf_hooks';
import { CLIENT_NO_TOUCH, CLIENT_PREVENT_PROP } from './client-flags.js';
import type { CallFrame } from './exec.js';
import type { GateSlots } from './gates.js';
import { protectedCommandAllowed } from './protected.js';
import { PROPAGATE_ALL } from '../keyspace/propagation.js';

/** Commands that run even inside MULTI instead of being queued. */
const TX_CONTROL = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);
/** Commands a RESP2 client may send while subscribed. */
const PUBSUB_ALLOWED = new Set(['ping', 'subscribe', 'ssubscribe', 'unsubscribe', 'sunsubscribe', 'psubscribe', 'punsubscribe', 'quit', 'reset']);


/** Refuses a command: the error goes out, and a MULTI in progress is marked to fail at EXEC. */
function reject(ctx: ServerContext, c: Client, text: string, cmd?: Command): void {
  if (cmd) cmd.stats.rejected++;
  if (c.multi) c.multi.aborted = true;
  // A refused EXEC discards the transaction and says why (the transactions module words it).
  if (cmd !== undefined && cmd.fullName === 'exec') {
    const abort = ctx.ext.execRejected as ((c: Client, text: string) => string) | undefined;
    if (abort !== undefined) text = abort(c, text);
  }
  c.out.error(text);
}

export function processCommand(ctx: ServerContext, c: Client, argv: string[]): void {
  let cmd = ctx.table.lookup(argv[0]);
  if (cmd === undefined) {
    if (crossProtocolAttack(ctx, c, argv[0])) return;
    const args: string[] = [];
    for (let i = 1; i < argv.length && i < 64; i++) args.push(cstr(argv[i]));
    return reject(ctx, c, errUnknownCommand(cstr(argv[0]), args));
  }
  // A container that has its own handler (COMMAND) runs alone; the others need a subcommand.
  if (cmd.subcommands !== null && (argv.length > 1 || cmd.spec.run === undefined)) {
    if (argv.length === 1) return reject(ctx, c, errArity(cmd.fullName), cmd);
    const sub = cmd.subcommands.get(argv[1].toLowerCase());
    if (sub === undefined) return reject(ctx, c, errUnknownSubcommand(cstr(argv[1]), cmd.spec.name), cmd);
    cmd = sub;
  }
  const arity = cmd.spec.arity;
  if ((arity > 0 && argv.length !== arity) || argv.length < -arity) return reject(ctx, c, errArity(cmd.fullName), cmd);

  // DEBUG and MODULE LOAD are refused before authentication, and counted as rejected, as in Redis.
  if (cmd.flags.has('protected')) {
    const module = cmd.topName === 'module';
    if (!protectedCommandAllowed(ctx, c, module ? 'enable-module-command' : 'enable-debug-command')) return reject(ctx, c, module ? Err.MODULE_NOT_ALLOWED : Err.DEBUG_NOT_ALLOWED, cmd);
  }

  if (!c.authenticated && !cmd.flags.has('no_auth')) return reject(ctx, c, Err.NOAUTH, cmd);

  const err = runGates(ctx, ctx.gates, c, cmd, argv);
  if (err !== null) return reject(ctx, c, err, cmd);

  // CLIENT PAUSE holds the command (and the client's input) until the pause ends.
  if (ctx.holdCommand !== null && ctx.holdCommand(c, cmd, argv)) return;

  if (c.multi !== null && !TX_CONTROL.has(cmd.topName)) {
    if (cmd.flags.has('no_multi')) return reject(ctx, c, 'ERR Command not allowed inside a transaction', cmd);
    c.multi.queue.push({ cmd, argv });
    c.out.queued();
    return;
  }

  call(ctx, c, cmd, argv);
}

/** The slots between auth and the pause, in processCommand's order; an empty slot costs one test. */
function runGates(ctx: ServerContext, g: GateSlots, c: Client, cmd: Command, argv: string[]): string | null {
  let err: string | null = null;
  if (g.acl !== null && (err = g.acl(ctx, c, cmd, argv)) !== null) return err;
  if (g.cluster !== null && (err = g.cluster(ctx, c, cmd, argv)) !== null) return err;
  if (g.trackingLimit !== null) g.trackingLimit();
  if (g.oom !== null && (err = g.oom(ctx, c, cmd, argv)) !== null) return err;
  if (g.misconf !== null && (err = g.misconf(ctx, c, cmd, argv)) !== null) return err;
  if (g.minReplicas !== null && (err = g.minReplicas(ctx, c, cmd, argv)) !== null) return err;
  if (g.readonlyReplica !== null && (err = g.readonlyReplica(ctx, c, cmd, argv)) !== null) return err;
  // A RESP2 subscriber may only (un)subscribe, ping, quit or reset.
  if (c.pubsubCount !== 0 && c.resp === 2 && !PUBSUB_ALLOWED.has(cmd.topName)) return errPubsubContext(cmd.fullName);
  if (g.masterDown !== null && (err = g.masterDown(ctx, c, cmd, argv)) !== null) return err;
  if (g.loading !== null && (err = g.loading(ctx, c, cmd, argv)) !== null) return err;
  if (g.busy !== null && (err = g.busy(ctx, c, cmd, argv)) !== null) return err;
  return null;
}

/**
 * Reading a clock costs about as much as running a small command, so a batch
 * of pipelined commands reads the monotonic clock once per command: each
 * command starts where the previous one ended (the first where the batch
 * began), and its frozen wall-clock time is the batch's Date.now() plus the
 * time elapsed since. Outside a batch (timers, wake-ups) `mark` is -1 and
 * call() reads both clocks itself.
 */
const clock = { mark: -1, batchStart: 0, batchWall: 0 };

/** A client's input is about to be processed; returns the wall-clock time read. */
export function beginBatch(): number {
  clock.mark = clock.batchStart = performance.now();
  return (clock.batchWall = Date.now());
}

export function endBatch(): void {
  clock.mark = -1;
}

/**
 * Runs one command with its bookkeeping (Redis's call()). Also used by EXEC
 * for each queued command, by scripts for redis.call, and by a woken client
 * re-running its blocking command.
 *
 * Each call pushes a frame on ctx.exec, so "who runs what, nested in what"
 * has one answer. The dirty count is compared before and after: a command
 * that changed the dataset is added to the propagation stream (as sent, or
 * as its handler rewrote it), and when the outermost call ends the stream's
 * pending ops go out together, then the unit's followers run (blocked
 * clients served, tracking invalidations released).
 */
export function call(ctx: ServerContext, c: Client, cmd: Command, argv: string[]): void {
  const out = c.out;
  const errorsBefore = out.errors;
  const ks = ctx.keyspace;
  const ex = ctx.exec;
  const inBatch = clock.mark >= 0;
  const start = inBatch ? clock.mark : performance.now();
  // EXEC and scripts freeze time once for all the commands they run.
  const outermost = ex.depth === 0;
  if (outermost) ks.freezeTime(inBatch ? clock.batchWall + Math.floor(start - clock.batchStart) : Date.now());
  const frame = ex.push(c, cmd, argv);
  const skipReply = c.skipNext;
  if (skipReply) out.muted = true;
  const noTouchBefore = ks.noTouch;
  ks.noTouch = (c.flags & CLIENT_NO_TOUCH) !== 0;
  const dirtyBefore = ks.dirty;
  try {
    cmd.spec.run!(ctx, c, argv, out);
  } finally {
    ex.pop();
  }
  const dirtied = ks.dirty !== dirtyBefore;
  const end = performance.now();
  if (inBatch) clock.mark = end;
  const usec = Math.round((end - start) * 1000);
  ks.noTouch = noTouchBefore;
  if (skipReply) {
    c.skipNext = false;
    out.muted = c.replyMode === 'off';
  }
  if ((dirtied || frame.forced !== 0) && ks.propagation.active) propagateCall(ctx, c, frame, dirtied);
  // A blocked client has not run yet: it is counted when it finally does.
  if (c.blocked === null) countCall(ctx, c, cmd, argv, usec, errorsBefore);
  const after = ctx.afterCallHooks;
  for (let i = 0; i < after.length; i++) after[i](c, cmd, argv);
  if (!outermost) return;
  ks.unfreezeTime();
  ks.propagation.flush();
  const unit = ctx.afterUnitHooks;
  for (let i = 0; i < unit.length; i++) unit[i](c, cmd);
}

/** alsoPropagate of the command itself, unless its handler or its client said otherwise. */
function propagateCall(ctx: ServerContext, c: Client, frame: CallFrame, dirtied: boolean): void {
  if (frame.prevented || (c.flags & CLIENT_PREVENT_PROP) !== 0) return;
  const targets = (dirtied ? PROPAGATE_ALL : 0) | frame.forced;
  // After the handler: a SELECT inside MULTI moves what the next op applies to, as c.db is read in Redis.
  ctx.keyspace.propagation.also(c.db.id, frame.rewritten ?? frame.argv, targets);
}

function countCall(ctx: ServerContext, c: Client, cmd: Command, argv: string[], usec: number, errorsBefore: number): void {
  const out = c.out;
  const stats = cmd.stats;
  stats.calls++;
  stats.usec += usec;
  // Errors of the commands EXEC ran were charged to them: EXEC fails only for its own.
  if (out.errors > Math.max(errorsBefore, out.errorsCharged)) stats.failed++;
  out.errorsCharged = out.errors;
  const config = ctx.config;
  if (config.latencyTracking) (stats.latency ??= new LatencyHistogram()).recordUsec(usec);
  ctx.stats.totalCommands++;
  c.lastCommand = cmd.fullName;
  if (usec >= config.slowlogSlowerThan && config.slowlogSlowerThan >= 0 && ctx.slowlogRecord !== null) ctx.slowlogRecord(c, cmd, argv, usec);
  if (config.latencyThreshold !== 0 && usec >= config.latencyThreshold * 1000 && ctx.latencyEvent !== null) ctx.latencyEvent(cmd, usec);
  if (ctx.monitors.size !== 0) feedMonitors(ctx, c, cmd, argv);
}

function feedMonitors(ctx: ServerContext, c: Client, cmd: Command, argv: string[]): void {
  if (cmd.flags.has('skip_monitor') || cmd.flags.has('admin')) return;
  if (ctx.monitorFeed !== null) ctx.monitorFeed(c, argv);
}
