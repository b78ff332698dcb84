import { randomUUID } from 'node:crypto';

/** A fault rule (§7.3). */
export interface FaultRule {
  id: string;
  method?: string;
  path: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  drop?: boolean;
  delay_ms?: number;
  times: number;
  remaining: number;
}

export interface FaultStore {
  rules: FaultRule[];
  add(rule: Omit<FaultRule, 'id' | 'remaining' | 'times'> & { times?: number }): FaultRule;
  /** The first rule that matches, consuming one use. */
  take(method: string, path: string): FaultRule | undefined;
  remove(id?: string): void;
}

export function createFaultStore(): FaultStore {
  return {
    rules: [],
    add(input) {
      const times = input.times ?? 1;
      const rule: FaultRule = { ...input, id: randomUUID(), times, remaining: times };
      this.rules.push(rule);
      return rule;
    },
    take(method, path) {
      const rule = this.rules.find(
        (r) =>
          (!r.method || r.method.toUpperCase() === method) &&
          (r.path.endsWith('*') ? path.startsWith(r.path.slice(0, -1)) : r.path === path),
      );
      if (!rule) return undefined;
      if (rule.times > 0) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
      }
      return rule;
    },
    remove(id) {
      this.rules = id ? this.rules.filter((r) => r.id !== id) : [];
    },
  };
}
