/** The dev server's clock (§7.4): real time plus an offset that tests move, so nobody sleeps. */
export interface Clock {
  now(): number;
  offsetMs: number;
}

export function createClock(): Clock {
  return {
    offsetMs: 0,
    now() {
      return Date.now() + this.offsetMs;
    },
  };
}

/**
 * Naive UTC ISO-8601 as the server emits it (§1.8): no offset, microseconds only when non-zero.
 * A fractional `ms` keeps its microseconds (audit entries are stamped to the microsecond).
 */
export function isoNaive(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  const whole = Math.floor(ms);
  const micros = Math.round((ms - whole) * 1000);
  const iso = new Date(whole).toISOString().slice(0, -1);
  if (micros > 0) return `${iso}${String(Math.min(micros, 999)).padStart(3, '0')}`;
  return iso.endsWith('.000') ? iso.slice(0, -4) : `${iso}000`;
}

/**
 * Parses an ISO-8601 date-time to epoch ms, keeping up to microsecond precision (`Date.parse`
 * drops digits after the millisecond); no offset reads as UTC (§1.8). NaN when it is not one.
 * For a value made by {@link isoNaive} from `us / 1000` (integer `us`) it returns that same number.
 */
export function parseIsoMicros(value: string): number {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)(?:\.(\d{1,9}))?([zZ]|[+-]\d\d:?\d\d)?$/.exec(value.trim());
  if (!m) return Number.NaN;
  const base = Date.parse(`${m[1]}${m[3] ?? 'Z'}`);
  if (Number.isNaN(base)) return Number.NaN;
  const micros = Number((m[2] ?? '').padEnd(6, '0').slice(0, 6));
  return (base * 1000 + micros) / 1000;
}

/** Like {@link isoNaive} for values known to be present. */
export function iso(ms: number): string {
  return isoNaive(ms) as string;
}
