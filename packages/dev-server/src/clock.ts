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

/** Naive UTC ISO-8601 as the server emits it (§1.8): no offset, microseconds only when non-zero. */
export function isoNaive(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  const iso = new Date(ms).toISOString().slice(0, -1);
  return iso.endsWith('.000') ? iso.slice(0, -4) : `${iso}000`;
}

/** Like {@link isoNaive} for values known to be present. */
export function iso(ms: number): string {
  return isoNaive(ms) as string;
}
