import type { Dev } from '../context';
import { isAllowedOrigin } from '../middleware/cors';

/** True when `url` is an absolute http(s) URL on the allow-list (§7.1: localhost, 127.0.0.1, --origin). */
export function isAllowedRedirect(dev: Dev, url: string): boolean {
  try {
    const u = new URL(url);
    return isAllowedOrigin(u.origin, dev.config.origins) || u.origin === new URL(dev.config.frontendUrl).origin;
  } catch {
    return false;
  }
}

/** Appends `token=<value>` to a URL, with `?` or `&` as needed (§4.1). */
export function withToken(url: string, token: string, name = 'token'): string {
  return `${url}${url.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(token)}`;
}
