/**
 * Live configuration: the text value of every option, validated against
 * the schema. Typed getters read a cache refreshed on each change, so hot
 * paths pay a property read, not a parse.
 */
import { CONFIG_DEFS, type ConfigDef } from './schema.js';

export type ChangeHook = (name: string, value: string) => string | null;

/** "1gb" -> 1073741824, "1k" -> 1000; NaN when not a memory size. */
export function parseMemory(text: string): number {
  const m = /^(-?\d+)(k|kb|m|mb|g|gb|b)?$/i.exec(text.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  const mul: Record<string, number> = { '': 1, b: 1, k: 1000, kb: 1024, m: 1e6, mb: 1024 * 1024, g: 1e9, gb: 1024 * 1024 * 1024 };
  return n * mul[unit];
}

export class Config {
  private readonly defs = new Map<string, ConfigDef>();
  private readonly values = new Map<string, string>();
  /** Side effects of a change (rebinding, resizing a log); a returned text refuses the change. */
  private readonly hooks = new Map<string, ChangeHook>();

  /** The file the server was started with, for CONFIG REWRITE and INFO. */
  configFile = '';

  // Hot values, kept in step with the text map.
  protoMaxBulkLen = 512 * 1024 * 1024;
  requirePass = '';
  slowlogSlowerThan = 10000;
  slowlogMaxLen = 128;

  constructor() {
    for (const def of CONFIG_DEFS) {
      this.defs.set(def.name, def);
      for (const alias of def.aliases ?? []) this.defs.set(alias, def);
      this.values.set(def.name, def.default);
    }
    this.refreshHot();
  }

  def(name: string): ConfigDef | undefined {
    return this.defs.get(name.toLowerCase());
  }

  allDefs(): ConfigDef[] {
    return CONFIG_DEFS;
  }

  get(name: string): string {
    const def = this.def(name);
    if (!def) throw new Error(`unknown config ${name}`);
    return this.values.get(def.name)!;
  }

  num(name: string): number {
    const def = this.def(name)!;
    const v = this.values.get(def.name)!;
    return def.type === 'memory' ? parseMemory(v) : Number(v);
  }

  bool(name: string): boolean {
    return this.get(name) === 'yes';
  }

  onChange(name: string, hook: ChangeHook): void {
    this.hooks.set(name, hook);
  }

  /** Checks a value against its definition: the normalised text or an error reason. */
  validate(def: ConfigDef, raw: string): { value: string } | { error: string } {
    switch (def.type) {
      case 'bool': {
        const v = raw.toLowerCase();
        if (v !== 'yes' && v !== 'no') return { error: "argument must be 'yes' or 'no'" };
        return { value: v };
      }
      case 'int':
      case 'memory': {
        const n = def.type === 'memory' ? parseMemory(raw) : /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
        if (!Number.isFinite(n)) return { error: def.type === 'memory' ? 'argument must be a memory value' : 'argument couldn\'t be parsed into an integer' };
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
      case 'flags': {
        const words = raw.toLowerCase().split(/\s+/).filter(Boolean);
        for (const w of words) if (!def.values!.includes(w)) return { error: `argument(s) must be one of the following: ${def.values!.join(', ')}` };
        return { value: words.join(' ') };
      }
      case 'string':
        return { value: raw };
      case 'special':
        return def.normalize ? def.normalize(raw) : { value: raw };
    }
  }

  /** Sets one option; returns an error reason or null. Hooks may refuse. */
  set(name: string, raw: string): string | null {
    const def = this.def(name);
    if (!def) return 'unknown option';
    const r = this.validate(def, raw);
    if ('error' in r) return r.error;
    const hook = this.hooks.get(def.name);
    if (hook) {
      const err = hook(def.name, r.value);
      if (err) return err;
    }
    this.values.set(def.name, r.value);
    this.refreshHot();
    return null;
  }

  /** Sets without running hooks: start-up, before the server exists. */
  setInitial(name: string, raw: string): string | null {
    const def = this.def(name);
    if (!def) return 'unknown option';
    const r = this.validate(def, raw);
    if ('error' in r) return r.error;
    this.values.set(def.name, r.value);
    this.refreshHot();
    return null;
  }

  private refreshHot(): void {
    this.protoMaxBulkLen = this.num('proto-max-bulk-len');
    this.requirePass = this.values.get('requirepass') ?? '';
    this.slowlogSlowerThan = this.num('slowlog-log-slower-than');
    this.slowlogMaxLen = this.num('slowlog-max-len');
  }
}
