/**
 * Transactions: MULTI, EXEC, DISCARD, WATCH, UNWATCH.
 *
 * Dispatch queues every other command while c.multi is set and marks the
 * transaction aborted when it refuses one at queue time. EXEC runs the
 * queue through call(), so each command gets its usual bookkeeping, with
 * the clock frozen once for the whole transaction (call() freezes it for
 * EXEC and leaves it frozen for the nested calls).
 *
 * While EXEC runs, c.multi stays set (Redis keeps CLIENT_MULTI until the
 * end) and the queued commands run nested (ctx.exec.nested): blocking
 * commands read either to behave like their non-blocking forms. EXEC itself
 * is never propagated: its commands are, wrapped in MULTI/EXEC when there
 * are several, by the propagation stream.
 */
import type { CommandSpec } from './spec.js';
import type { ServerContext } from '../server/context.js';
import type { Client } from '../server/client.js';
import { call } from '../server/dispatch.js';
import { watchesOf } from '../keyspace/watch.js';
import { Err } from '../errors.js';


const TX_FLAGS = ['noscript', 'loading', 'stale', 'fast', 'allow_busy'] as const;

/** discardTransaction: forgets the queue, the watches and the dirty flag. */
export function discardTransaction(ctx: ServerContext, c: Client): void {
  c.multi = null;
  const w = watchesOf(ctx);
  w.clearDirty(c);
  w.unwatchAll(c);
}

export const txCommands: CommandSpec[] = [
  {
    // MULTI
    name: 'multi',
    arity: 1,
    flags: TX_FLAGS,
    acl: ['transaction'],
    group: 'transactions',
    since: '1.2.0',
    complexity: 'O(1)',
    summary: 'Opens a transaction: the commands that follow are queued until EXEC.',
    run(ctx, c, argv, out) {
      if (c.multi !== null) return out.error(Err.MULTI_NESTED);
      c.multi = { queue: [], aborted: false };
      out.ok();
    },
  },
  {
    // EXEC
    name: 'exec',
    arity: 1,
    flags: ['noscript', 'loading', 'stale', 'skip_slowlog'],
    acl: ['transaction'],
    group: 'transactions',
    since: '1.2.0',
    complexity: 'Depends on commands in the transaction',
    summary: 'Runs every command queued since MULTI, as one atomic step.',
    run(ctx, c, argv, out) {
      const multi = c.multi;
      if (multi === null) return out.error(Err.EXEC_WITHOUT_MULTI);
      const w = watchesOf(ctx);
      const dirty = w.isDirty(c) || w.anyExpired(c);
      if (multi.aborted || dirty) {
        if (multi.aborted) out.error(Err.EXECABORT);
        else out.nullArray();
        discardTransaction(ctx, c);
        return;
      }
      // Unwatch first: the transaction's own writes must not dirty it.
      w.unwatchAll(c);
      ctx.exec.preventPropagation();
      try {
        out.array(multi.queue.length);
        for (const q of multi.queue) call(ctx, c, q.cmd, q.argv);
      } finally {
        discardTransaction(ctx, c);
      }
    },
  },
  {
    // DISCARD
    name: 'discard',
    arity: 1,
    flags: TX_FLAGS,
    acl: ['transaction'],
    group: 'transactions',
    since: '2.0.0',
    complexity: 'O(N), when N is the number of queued commands',
    summary: 'Drops the commands queued since MULTI and the watches.',
    run(ctx, c, argv, out) {
      if (c.multi === null) return out.error(Err.DISCARD_WITHOUT_MULTI);
      discardTransaction(ctx, c);
      out.ok();
    },
  },
  {
    // WATCH key [key ...]
    name: 'watch',
    arity: -2,
    flags: TX_FLAGS,
    acl: ['transaction'],
    keySpecs: [{ flags: ['RO'], begin: { index: 1 }, find: { range: { lastkey: -1, keystep: 1, limit: 0 } } }],
    group: 'transactions',
    since: '2.2.0',
    complexity: 'O(1) for every key.',
    summary: 'Makes the next EXEC conditional on the keys not changing in between.',
    args: [{ name: 'key', type: 'key', key_spec_index: 0, flags: ['multiple'] }],
    run(ctx, c, argv, out) {
      if (c.multi !== null) return out.error(Err.WATCH_IN_MULTI);
      const w = watchesOf(ctx);
      // Already doomed: nothing to gain from watching more.
      if (!w.isDirty(c)) for (let i = 1; i < argv.length; i++) w.watch(c, c.db, argv[i]);
      out.ok();
    },
  },
  {
    // UNWATCH
    name: 'unwatch',
    arity: 1,
    flags: TX_FLAGS,
    acl: ['transaction'],
    group: 'transactions',
    since: '2.2.0',
    complexity: 'O(1)',
    summary: 'Forgets every key watched by this connection.',
    run(ctx, c, argv, out) {
      const w = watchesOf(ctx);
      w.unwatchAll(c);
      w.clearDirty(c);
      out.ok();
    },
  },
];

/**
 * Installs what transactions need from dispatch: when EXEC itself is
 * refused (arity, auth, ACL, ...), Redis discards the transaction (even
 * with none open) and answers EXECABORT with the reason, minus a leading
 * "ERR ".
 */
export function installTransactions(ctx: ServerContext): void {
  ctx.ext.execRejected = (c: Client, text: string): string => {
    discardTransaction(ctx, c);
    return 'EXECABORT Transaction discarded because of: ' + (text.startsWith('ERR ') ? text.slice(4) : text);
  };
}
