/** @internal A request id for logs and `X-Request-ID`. */
export function newRequestId(): string {
  const c = globalThis.crypto;
  // randomUUID is missing in non-secure browser contexts (plain http on a LAN address).
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}
