/**
 * Live configuration: the canonical text of every option, validated against
 * the schema. Numbers are parsed once per change into a cache, so hot paths
 * (`num()`, the fields below) pay a map or property read, not a parse.
 */
import { CONFIG_DEFS, type ConfigDef } from './schema.js';
import {
  parseIntStrict,
  parseMemoryBig,
  parseNotifyFlags,
  formatNotifyFlags,
  parseOutputBufferLimits,
  type OutputBufferLimits,
} from './special.js';

/**
 * Side effects of a change (rebinding, resizing a log). Returning a text
 * refuses the change with that reason; the value is not stored.
 */
export type ChangeHook = (name: string, value: string) => string | null;

/**
 * Makes the stored values take effect; returns Redis's error reason on
 * failure. A Promise when it has to wait for the OS (opening a listener).
 */
export type ApplyHook = () => string | null | Promise<string | null>;

/** "1gb" -> 1073741824, "1k" -> 1000; NaN when not a memory size. */
export function parseMemory(text: string): number {
  const v = parseMemoryBig(text.trim());
  return v === null ? NaN : Number(v);
}

/** A failed CONFIG SET: which argument and why, for Redis's error text. */
export interface SetFailure {
  name: string;
  reason: string;
}

export class Config {
  private readonly defs = new Map<string, ConfigDef>();
  private readonly values = new Map<string, string>();
  private readonly nums = new Map<string, number>();
  /** Side effects by canonical name; several subsystems may watch one option. */
  private readonly hooks = new Map<string, ChangeHook[]>();
  /** Apply steps by canonical name (see onApply). */
  private readonly applies = new Map<string, ApplyHook[]>();

  /** Where rollbacks are reported (the server's log once it exists). */
  warn: (msg: string) => void = () => {};

  /** The file the server was started with, for CONFIG REWRITE and INFO (absolute path). */
  configFile = '';

  /** Bumped by every change, so values derived from options can be cached in between (see derived()). */
  version = 0;

  // Hot values, kept in step with the text map.
  protoMaxBulkLen = 512 * 1024 * 1024;
  requirePass = '';
  slowlogSlowerThan = 10000;
  slowlogMaxLen = 128;
  latencyThreshold = 0;
  latencyTracking = true;
  /** maxmemory in bytes; 0 leaves memory unbounded. */
  maxmemory = 0;
  /** notify-keyspace-events as flag bits (NOTIFY in special.ts). */
  notifyFlags = 0;
  outputBufferLimits: OutputBufferLimits;

  constructor() {
    for (const def of CONFIG_DEFS) {
      this.defs.set(def.name, def);
      for (const alias of def.aliases ?? []) this.defs.set(alias, def);
      this.store(def, def.name === 'dir' ? process.cwd() : def.default);
    }
    this.outputBufferLimits = parseOutputBufferLimits(this.get('client-output-buffer-limit'));
  }

  /** The definition for a name or alias, case-insensitively. */
  def(name: string): ConfigDef | undefined {
    return this.defs.get(name) ?? this.defs.get(name.toLowerCase());
  }

  /** Canonical definitions, in table order (aliases not repeated). */
  allDefs(): readonly ConfigDef[] {
    return CONFIG_DEFS;
  }

  /** Every name CONFIG GET patterns may match (canonical names and aliases), with its definition. */
  *names(): IterableIterator<[string, ConfigDef]> {
    yield* this.defs.entries();
  }

  get(name: string): string {
    const def = this.def(name);
    if (!def) throw new Error(`unknown config ${name}`);
    // The stored text keeps an 'n' that Redis 7.0 does not print after 'A'.
    if (def.name === 'notify-keyspace-events') return formatNotifyFlags(this.notifyFlags);
    return this.values.get(def.name)!;
  }

  /** An int or memory option as a number (huge memory values lose precision, harmlessly). */
  num(name: string): number {
    let v = this.nums.get(name);
    if (v === undefined) {
      const def = this.def(name);
      if (!def) throw new Error(`unknown config ${name}`);
      v = this.nums.get(def.name) ?? NaN;
    }
    return v;
  }

  bool(name: string): boolean {
    return this.get(name) === 'yes';
  }

  isDefault(def: ConfigDef): boolean {
    const v = this.values.get(def.name)!;
    if (def.name === 'dir') return false;
    return v === this.validate(def, def.default, def.default).value;
  }

  /** Registers a side effect for an option; it runs before the value is stored. */
  onChange(name: string, hook: ChangeHook): void {
    const def = this.def(name);
    if (!def) throw new Error(`unknown config ${name}`);
    let list = this.hooks.get(def.name);
    if (!list) this.hooks.set(def.name, (list = []));
    list.push(hook);
  }

  /** Checks a value against its definition: the canonical text or Redis's error reason. */
  validate(def: ConfigDef, raw: string, current = this.values.get(def.name) ?? def.default): { value: string; error?: undefined } | { error: string; value?: undefined } {
    switch (def.type) {
      case 'bool': {
        const v = raw.toLowerCase();
        if (v !== 'yes' && v !== 'no') return { error: "argument must be 'yes' or 'no'" };
        return { value: v };
      }
      case 'int':
      case 'memory': {
        const n = def.type === 'memory' ? parseMemoryBig(raw) : parseIntStrict(raw);
        if (n === null) return { error: def.type === 'memory' ? 'argument must be a memory value' : "argument couldn't be parsed into an integer" };
        if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) {
          return { error: `argument must be between ${def.min} and ${def.max} inclusive` };
        }
        return { value: String(n) };
      }
      case 'enum': {
        const v = raw.toLowerCase();
        if (!def.values!.includes(v)) return { error: `argument(s) must be one of the following: ${def.values!.join(', ')}` };
        return { value: v };
      }
      case 'string':
        return { value: raw };
      case 'special':
        return def.parse ? def.parse(raw, current) : { value: raw };
    }
  }

  private store(def: ConfigDef, value: string): void {
    this.version++;
    this.values.set(def.name, value);
    if (def.type === 'int' || def.type === 'memory') {
      const n = Number(value);
      this.nums.set(def.name, n);
      for (const a of def.aliases ?? []) this.nums.set(a, n);
    } else if (def.name === 'maxmemory-clients' || def.name === 'unixsocketperm') {
      const n = def.name === 'unixsocketperm' ? parseInt(value, 8) : value.endsWith('%') ? NaN : Number(value);
      this.nums.set(def.name, n);
    }
    switch (def.name) {
      case 'proto-max-bulk-len':
        this.protoMaxBulkLen = Number(value);
        break;
      case 'requirepass':
        this.requirePass = value;
        break;
      case 'slowlog-log-slower-than':
        this.slowlogSlowerThan = Number(value);
        break;
      case 'slowlog-max-len':
        this.slowlogMaxLen = Number(value);
        break;
      case 'latency-monitor-threshold':
        this.latencyThreshold = Number(value);
        break;
      case 'latency-tracking':
        this.latencyTracking = value === 'yes';
        break;
      case 'maxmemory':
        this.maxmemory = Number(value);
        break;
      case 'notify-keyspace-events':
        this.notifyFlags = parseNotifyFlags(value);
        break;
      case 'client-output-buffer-limit':
        this.outputBufferLimits = parseOutputBufferLimits(value);
        break;
    }
  }

  private runHooks(def: ConfigDef, value: string): string | null {
    const hooks = this.hooks.get(def.name);
    if (hooks) {
      for (const h of hooks) {
        const err = h(def.name, value);
        if (err) return err;
      }
    }
    return null;
  }

  /** Sets one option at run time; returns an error reason or null. Hooks may refuse. */
  set(name: string, raw: string): string | null {
    const def = this.def(name);
    if (!def) return 'unknown option';
    const r = this.validate(def, raw);
    if (r.error !== undefined) return r.error;
    const err = this.runHooks(def, r.value);
    if (err) return err;
    this.store(def, r.value);
    return null;
  }

  /**
   * Registers how a change of any of `names` takes effect on the running
   * server (listening on a new port, checking a limit against the OS). It
   * runs after every value of the CONFIG SET is stored and reads them from
   * here; one function shared by several options runs once per call.
   */
  onApply(names: readonly string[], apply: ApplyHook): void {
    for (const name of names) {
      const def = this.def(name);
      if (!def) throw new Error(`unknown config ${name}`);
      let list = this.applies.get(def.name);
      if (!list) this.applies.set(def.name, (list = []));
      list.push(apply);
    }
  }

  /**
   * CONFIG SET with several pairs, in Redis's three steps: every value is
   * checked; then all are stored (a refusing change hook puts back the ones
   * stored before it); then the apply functions of the changed options run
   * in argument order. If one fails, every option of the call gets its old
   * value back and the apply functions run again for the old values, so the
   * call is all or nothing. Answers synchronously unless an apply function
   * had to wait (a listener opening): then the whole outcome is a Promise.
   */
  setMany(pairs: [ConfigDef, string][]): SetFailure | null | Promise<SetFailure | null> {
    const parsed: [ConfigDef, string][] = [];
    for (const [def, raw] of pairs) {
      const r = this.validate(def, raw);
      if (r.error !== undefined) return { name: def.name, reason: r.error };
      parsed.push([def, r.value]);
    }
    const old = parsed.map(([def]) => this.values.get(def.name)!);
    for (let i = 0; i < parsed.length; i++) {
      const [def, value] = parsed[i];
      const err = this.runHooks(def, value);
      if (err) {
        for (let j = i - 1; j >= 0; j--) this.restore(parsed[j][0], old[j]);
        return { name: def.name, reason: err };
      }
      this.store(def, value);
    }
    // Redis skips the apply step of an option set to the value it had (special ones always apply).
    const steps: [ApplyHook, string][] = [];
    for (let i = 0; i < parsed.length; i++) {
      const [def, value] = parsed[i];
      if (value === old[i] && def.type !== 'special') continue;
      for (const fn of this.applies.get(def.name) ?? []) if (!steps.some(([f]) => f === fn)) steps.push([fn, def.name]);
    }
    const rollback = (failedName: string): SetFailure['name'] => {
      this.warn(`Failed applying new configuration. Possibly related to new ${failedName} setting. Restoring previous settings.`);
      for (let j = parsed.length - 1; j >= 0; j--) this.restore(parsed[j][0], old[j]);
      return failedName;
    };
    const reapply = (fail: SetFailure): SetFailure | Promise<SetFailure> => {
      const each = (k: number): SetFailure | Promise<SetFailure> => {
        for (; k < steps.length; k++) {
          const r = steps[k][0]();
          if (r instanceof Promise) {
            const next = k + 1;
            return r.then((e) => {
              if (e) this.warn(`Failed applying restored failed CONFIG SET command: ${e}`);
              return each(next);
            });
          }
          if (r) this.warn(`Failed applying restored failed CONFIG SET command: ${r}`);
        }
        return fail;
      };
      return each(0);
    };
    const run = (k: number): SetFailure | null | Promise<SetFailure | null> => {
      for (; k < steps.length; k++) {
        const [fn, name] = steps[k];
        const r = fn();
        if (r instanceof Promise) {
          const next = k + 1;
          return r.then((e) => (e ? reapply({ name: rollback(name), reason: e }) : run(next)));
        }
        if (r) return reapply({ name: rollback(name), reason: r });
      }
      return null;
    };
    return run(0);
  }

  /** Puts an old value back during a rollback; a hook refusing it is only logged, as Redis does. */
  private restore(def: ConfigDef, value: string): void {
    const err = this.runHooks(def, value);
    if (err) this.warn(`Failed restoring failed CONFIG SET command. Error setting ${def.name} to '${value}'`);
    this.store(def, value);
  }

  /** Sets without running hooks: start-up, before the server exists. */
  setInitial(name: string, raw: string): string | null {
    const def = this.def(name);
    if (!def) return 'unknown option';
    const r = this.validate(def, raw);
    if (r.error !== undefined) return r.error;
    this.store(def, r.value);
    return null;
  }
}

/**
 * A value computed from the configuration (the encoding limits a command
 * passes to its data type) and kept until the configuration changes, so a
 * command does not read options and build it on every call.
 */
export function derived<T>(build: (config: Config) => T): (config: Config) => T {
  let from: Config | null = null;
  let version = -1;
  let value: T;
  return (config) => {
    if (config !== from || config.version !== version) {
      value = build(config);
      from = config;
      version = config.version;
    }
    return value;
  };
}
