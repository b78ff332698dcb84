/** A `fetch` for createJanua that counts the requests it passes on to the real one. */
export function countingFetch(): { fetch: typeof globalThis.fetch; sent: () => number } {
  let n = 0;
  return {
    fetch: (input, init) => {
      n++;
      return globalThis.fetch(input, init);
    },
    sent: () => n,
  };
}
