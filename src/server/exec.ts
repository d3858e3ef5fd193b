/**
 * The execution context: which commands are running right now, one frame
 * per call() on the stack. Frame 0 is the outermost command (Redis's
 * current_client and its command), the top frame the one executing now
 * (a command inside EXEC or a script's redis.call). Everything that asks
 * "are we nested?", "who started this?" or "what runs now?" asks here.
 *
 * A frame also holds what its command propagates. After the handler ran,
 * call() propagates the command once if it changed the dataset (the
 * dirty count moved), as its frame says: the argv the client sent, or
 * the rewrite the handler asked for (rewriteArgv: EXPIRE -> PEXPIREAT),
 * nothing (preventPropagation: SPOP with a count, which announced its
 * SREMs with alsoPropagate), or even when nothing was dirtied
 * (forcePropagation: PUBLISH to replicas).
 */
import type { Client } from './client.js';
import type { Command } from '../commands/table.js';
import type { Propagation } from '../keyspace/propagation.js';
import { PROPAGATE_ALL } from '../keyspace/propagation.js';

export class CallFrame {
  client!: Client;
  cmd!: Command;
  argv!: string[];
  /** What to propagate instead of argv; null: argv itself. */
  rewritten: string[] | null = null;
  /** The command's own argv is not propagated (ops added with alsoPropagate still are). */
  prevented = false;
  /** Targets to propagate to even when nothing was dirtied. */
  forced = 0;
}

/** The script a call is running inside, for the BUSY gate, SCRIPT KILL and FUNCTION STATS. */
export interface RunningScript {
  readonly caller: Client;
  readonly isFunction: boolean;
  /** Function name, or the script's SHA1. */
  readonly name: string;
  /** performance.now() when it started. */
  readonly startedAt: number;
}

export class Execution {
  /** Calls in progress: 0 outside any command. */
  depth = 0;
  private readonly frames: CallFrame[] = [new CallFrame()];
  script: RunningScript | null = null;

  constructor(private readonly propagation: Propagation) {}

  /** The outermost running command, or null between commands. */
  get outer(): CallFrame | null {
    return this.depth === 0 ? null : this.frames[0];
  }

  /** The command executing now (the innermost call), or null between commands. */
  get current(): CallFrame | null {
    return this.depth === 0 ? null : this.frames[this.depth - 1];
  }

  /** True while a command runs inside another (EXEC's queue, a script's redis.call). */
  get nested(): boolean {
    return this.depth > 1;
  }

  /** Frames are reused: a call allocates nothing. */
  push(client: Client, cmd: Command, argv: string[]): CallFrame {
    if (this.depth === this.frames.length) this.frames.push(new CallFrame());
    const f = this.frames[this.depth++];
    this.propagation.callDepth = this.depth;
    f.client = client;
    f.cmd = cmd;
    f.argv = argv;
    f.rewritten = null;
    f.prevented = false;
    f.forced = 0;
    return f;
  }

  pop(): void {
    this.propagation.callDepth = --this.depth;
  }

  /** Some consumer takes the stream: handlers build rewrites only then. */
  get propagating(): boolean {
    return this.propagation.active;
  }

  /** The running command propagates argv instead of what the client sent (rewriteClientCommandVector). */
  rewriteArgv(argv: string[]): void {
    const f = this.current;
    if (f !== null) f.rewritten = argv;
  }

  /** The running command's own argv is not propagated (preventCommandPropagation). */
  preventPropagation(): void {
    const f = this.current;
    if (f !== null) f.prevented = true;
  }

  /** The running command is propagated to these targets even if it changed nothing (forceCommandPropagation). */
  forcePropagation(targets = PROPAGATE_ALL): void {
    const f = this.current;
    if (f !== null) f.forced |= targets;
  }

  /** An extra op, propagated with the outermost call's others, before the command's own (alsoPropagate). */
  alsoPropagate(dbId: number, argv: string[], targets = PROPAGATE_ALL): void {
    this.propagation.also(dbId, argv, targets);
  }
}
