/**
 * Commands that Redis runs synchronously around network I/O (MIGRATE, a
 * CONFIG SET that rebinds the listeners) cannot block Node's event loop.
 * Instead the calling client is suspended: it reads no more input and
 * gets no reply while the I/O runs; when the work settles, its command runs
 * again through call() and finds the outcome waiting (resumed()), so
 * the reply, the keyspace changes and the bookkeeping (stats, slowlog,
 * after-command hooks) happen inside an ordinary command run, once.
 *
 * To the client this is a synchronous command: its pipelined commands run
 * after the reply, in order. Other clients keep being served meanwhile,
 * which is where this differs from Redis; each command using it says what
 * it does about that.
 */
import type { Command } from '../commands/table.js';
import type { ServerContext } from './context.js';
import type { Client } from './client.js';
import type { ReplyWriter } from '../protocol/writer.js';
import { call } from './dispatch.js';

/** What the re-run does: writes the reply (and applies what the work decided). */
export type Finish = (out: ReplyWriter) => void;

interface Suspension {
  finish: Finish | null;
}

const RESUMED = 'suspend.resumed';

/**
 * True when c may be suspended: it runs `fullName` as its own top-level
 * command (not queued in MULTI, not nested in EXEC), whose re-run is possible.
 */
export function canSuspend(ctx: ServerContext, c: Client, fullName: string): boolean {
  const frame = ctx.exec.current;
  return c.multi === null && !ctx.exec.nested && frame !== null && frame.client === c && frame.cmd.fullName === fullName;
}

/**
 * Suspends c until work settles, then re-runs its command, whose handler
 * gets the settled Finish from resumed(). A work that rejects is a bug in
 * the caller: the client gets an error reply rather than hanging.
 */
export function suspend(ctx: ServerContext, c: Client, work: Promise<Finish>): void {
  const frame = ctx.exec.current!;
  const cmd = frame.cmd;
  const argv = frame.argv;
  const s: Suspension = { finish: null };
  // Kind 'lock': not a blocking command (INFO blocked_clients and CLIENT UNBLOCK leave it alone).
  c.blocked = { deadline: 0, kind: 'lock', data: s, onTimeout: () => {}, cleanup: () => {} };
  work
    .catch((e: unknown): Finish => (out) => out.error(`ERR ${(e as Error).message}`))
    .then((finish) => {
      // The next turn, like a woken blocked client: never inside another command's run.
      setImmediate(() => resume(ctx, c, s, finish, cmd, argv));
    });
}

function resume(ctx: ServerContext, c: Client, s: Suspension, finish: Finish, cmd: Command, argv: string[]): void {
  // A client that disconnected meanwhile still has its command completed (MIGRATE's deletions):
  // Redis would have finished it before noticing the close. Its reply goes nowhere.
  if (c.blocked !== null && c.blocked.data === s) c.blocked = null;
  s.finish = finish;
  c.ext[RESUMED] = s;
  try {
    call(ctx, c, cmd, argv);
  } finally {
    delete c.ext[RESUMED];
  }
  if (c.closed) return;
  c.processInput();
  c.flush();
  ctx.flushPending();
}

/** In a re-run after suspend(): the outcome to reply with (taken once). Null on a first run. */
export function resumed(c: Client): Finish | null {
  const s = c.ext[RESUMED] as Suspension | undefined;
  if (s === undefined || s.finish === null) return null;
  const f = s.finish;
  s.finish = null;
  return f;
}

/** True while c waits in suspend(). */
export function isSuspended(c: Client): boolean {
  return c.blocked !== null && c.blocked.kind === 'lock';
}
