import { createHash } from 'node:crypto';

/** A device fingerprint from its User-Agent (upstream trusts "the calling device"). */
export const fingerprint = (userAgent: string | null) =>
  createHash('sha256')
    .update(userAgent ?? 'unknown')
    .digest('hex');

/** Coarse User-Agent parsing for the `Session` fields of §4.0. */
export function parseUserAgent(ua: string | null) {
  const s = ua ?? '';
  const browser = /Edg\//.test(s)
    ? 'Edge'
    : /Firefox\//.test(s)
      ? 'Firefox'
      : /Chrome\//.test(s)
        ? 'Chrome'
        : /Safari\//.test(s)
          ? 'Safari'
          : 'unknown';
  const os = /Windows/.test(s)
    ? 'Windows'
    : /Android/.test(s)
      ? 'Android'
      : /iPhone|iPad|iOS/.test(s)
        ? 'iOS'
        : /Mac OS X|Macintosh/.test(s)
          ? 'macOS'
          : /Linux/.test(s)
            ? 'Linux'
            : 'unknown';
  const device_type = /iPad|Tablet/.test(s)
    ? 'tablet'
    : /Mobile|Android|iPhone/.test(s)
      ? 'mobile'
      : s
        ? 'desktop'
        : 'unknown';
  return { browser, os, device_type };
}
