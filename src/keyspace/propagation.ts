/**
 * The write-propagation stream: the dataset's changes as commands, for the
 * consumers that replay them (the AOF, replicas). Redis's model, from
 * server.c's alsoPropagate()/propagatePendingCommands()/propagateNow():
 *
 * - A command's effects are collected while the outermost call runs
 *   (also()), and go out when it ends (flush()): alone if there is one op,
 *   wrapped in MULTI/EXEC if there are several (EXEC's queue, a script,
 *   SPOP with a count), so a consumer applies them atomically.
 * - Deletions that happen outside any command's own logic (a key found
 *   expired, active expiry, eviction) go out at once (now()), as Redis 7.0
 *   sends them: before the command that noticed them.
 * - Each op carries the database it applies to; a target inserts SELECT
 *   when the database changes from the last one it wrote (DbTrackingTarget).
 *
 * With no target subscribed nothing is kept: a server without AOF or
 * replicas pays one boolean test per write.
 */

export const PROPAGATE_AOF = 1;
export const PROPAGATE_REPL = 2;
export const PROPAGATE_ALL = PROPAGATE_AOF | PROPAGATE_REPL;

export interface PropagationTarget {
  /** PROPAGATE_AOF or PROPAGATE_REPL: which ops it takes. */
  readonly kind: number;
  /** One op for database dbId; argv is not to be modified or kept past the call unless copied. */
  feed(dbId: number, argv: readonly string[]): void;
}

/** A target that writes SELECT before an op for another database than its last one. */
export abstract class DbTrackingTarget implements PropagationTarget {
  abstract readonly kind: number;
  /** The database the consumer has selected; -1 forces a SELECT before the next op (a new sync, a new file). */
  selectedDb = -1;

  feed(dbId: number, argv: readonly string[]): void {
    if (dbId !== this.selectedDb) {
      this.emit(['SELECT', String(dbId)]);
      this.selectedDb = dbId;
    }
    this.emit(argv);
  }

  protected abstract emit(argv: readonly string[]): void;
}

const MULTI: readonly string[] = ['MULTI'];
const EXEC: readonly string[] = ['EXEC'];

export class Propagation {
  private readonly targets: PropagationTarget[] = [];
  /** Some target listens: the only test the write path makes when none does. */
  active = false;
  /** Calls in progress (kept by the server's Execution): deletions nested in EXEC or a script join the unit. */
  callDepth = 0;
  private readonly pendingDb: number[] = [];
  private readonly pendingArgv: (readonly string[])[] = [];
  private readonly pendingTargets: number[] = [];

  subscribe(t: PropagationTarget): void {
    this.targets.push(t);
    this.active = true;
  }

  unsubscribe(t: PropagationTarget): void {
    const i = this.targets.indexOf(t);
    if (i >= 0) this.targets.splice(i, 1);
    this.active = this.targets.length !== 0;
  }

  /** Ops collected for the running outermost call. */
  get pending(): number {
    return this.pendingDb.length;
  }

  /** alsoPropagate: an op of the running command, sent when the outermost call ends. */
  also(dbId: number, argv: readonly string[], targets = PROPAGATE_ALL): void {
    if (!this.active) return;
    this.pendingDb.push(dbId);
    this.pendingArgv.push(argv);
    this.pendingTargets.push(targets);
  }

  /**
   * A deletion the keyspace made on its own (expiry, eviction): at once
   * when it happens in a top-level command or outside any, inside the
   * transaction when an EXEC or a script runs, as Redis 7.0 orders them.
   */
  deletion(dbId: number, argv: readonly string[]): void {
    if (this.callDepth > 1) this.also(dbId, argv);
    else this.now(dbId, argv);
  }

  /** propagateNow: sent at once, ahead of whatever the running command collects. */
  now(dbId: number, argv: readonly string[], targets = PROPAGATE_ALL): void {
    const ts = this.targets;
    for (let i = 0; i < ts.length; i++) if (ts[i].kind & targets) ts[i].feed(dbId, argv);
  }

  /** propagatePendingCommands: the outermost call ended. */
  flush(): void {
    const n = this.pendingDb.length;
    if (n === 0) return;
    // The wrapper takes the first op's database, so a SELECT comes before MULTI, and EXEC the last op's, so none comes between.
    if (n > 1) this.now(this.pendingDb[0], MULTI);
    for (let i = 0; i < n; i++) this.now(this.pendingDb[i], this.pendingArgv[i], this.pendingTargets[i]);
    if (n > 1) this.now(this.pendingDb[n - 1], EXEC);
    this.pendingDb.length = 0;
    this.pendingArgv.length = 0;
    this.pendingTargets.length = 0;
  }
}
