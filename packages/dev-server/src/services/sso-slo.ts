import type { Profile } from '@node-saml/node-saml';
import type { Dev } from '../context';
import { HttpError } from '../errors';
import { sql } from '../store/db';
import { getActiveMember } from './orgs';
import { revokeSession, type SessionRow } from './sessions';
import { SSO_FAILED, type SsoConfigRow, samlFor, settingsOf } from './sso';
import { getUserByEmail } from './users';

// SAML single logout, IdP-initiated, HTTP-POST binding (SAML 2.0 Profiles §4.4): a signed
// LogoutRequest in, the user's sessions revoked, a LogoutResponse back to the IdP.

export const sloUrl = (dev: Dev) => `${dev.config.url}/api/v1/sso/saml/slo`;
const SKEW_MS = 30_000;
const MAX_AGE_MS = 5 * 60_000;

function refuse(dev: Dev, reason: string, orgId: string | null): never {
  dev.events.emit('sso.logout_failed', { organizationId: orgId, reason });
  throw new HttpError(401, SSO_FAILED);
}

const rootAttr = (xml: string, name: string) =>
  new RegExp(`<(?:\\w+:)?LogoutRequest\\b[^>]*\\b${name}="([^"]+)"`).exec(xml)?.[1];

/**
 * Validates a LogoutRequest and revokes the sessions of its NameID. The request must be signed by
 * the certificate of an enabled SAML configuration whose IdP entity id is its `Issuer` (several
 * organizations may share one IdP: any of theirs that verifies will do), fresh on the dev clock,
 * addressed to this SLO endpoint and never seen before. Only a member of such an organization is
 * signed out; for anyone else the IdP gets a LogoutResponse with a non-success status.
 * Returns the URL that carries the LogoutResponse back (HTTP-Redirect binding), or null when the
 * configuration names no URL for it.
 */
export async function handleLogoutRequest(
  dev: Dev,
  samlRequest: string,
  relayState: string,
): Promise<{ location: string | null; revoked: number }> {
  if (!samlRequest) return refuse(dev, 'missing SAMLRequest', null);
  const xml = Buffer.from(samlRequest, 'base64').toString('utf8');
  const issuer = /<(?:\w+:)?Issuer[^>]*>\s*([^<]+?)\s*<\/(?:\w+:)?Issuer>/.exec(xml)?.[1];
  if (!issuer || !rootAttr(xml, 'ID')) return refuse(dev, 'not a LogoutRequest', null);
  const candidates = (
    sql(dev.db, "SELECT * FROM sso_configurations WHERE provider = 'saml' AND enabled = 1").all() as SsoConfigRow[]
  ).filter((r) => settingsOf(r).saml_entity_id === issuer);
  if (candidates.length === 0) return refuse(dev, 'no enabled SAML configuration for the issuer', null);

  const verified: { cfg: SsoConfigRow; profile: Profile }[] = [];
  let lastError = 'invalid request';
  for (const cfg of candidates) {
    try {
      const { profile } = await samlFor(dev, cfg).validatePostRequestAsync({ SAMLRequest: samlRequest });
      if (profile) verified.push({ cfg, profile });
    } catch (err) {
      lastError = err instanceof Error ? err.message : lastError;
    }
  }
  const orgOf = candidates.length === 1 ? (candidates[0] as SsoConfigRow).organization_id : null;
  const first = verified[0];
  if (!first) return refuse(dev, lastError, orgOf);
  const orgId = first.cfg.organization_id;

  // node-saml's own time check reads the wall clock and is off; the window is checked here.
  const now = dev.clock.now();
  const issued = Date.parse(rootAttr(xml, 'IssueInstant') ?? '');
  const notOnOrAfter = rootAttr(xml, 'NotOnOrAfter');
  if (Number.isNaN(issued) || issued > now + SKEW_MS || now - SKEW_MS > issued + MAX_AGE_MS) {
    return refuse(dev, 'LogoutRequest expired', orgId);
  }
  if (notOnOrAfter && now - SKEW_MS >= Date.parse(notOnOrAfter)) return refuse(dev, 'LogoutRequest expired', orgId);
  const destination = rootAttr(xml, 'Destination');
  if (destination && destination !== sloUrl(dev)) return refuse(dev, 'LogoutRequest destination mismatch', orgId);
  const id = first.profile.ID as string;
  const fresh = sql(dev.db, 'INSERT OR IGNORE INTO sso_saml_logout_requests (id, seen_at) VALUES (?,?)').run(id, now);
  if (fresh.changes === 0) return refuse(dev, 'LogoutRequest replayed', orgId);

  const user = getUserByEmail(dev, String(first.profile.nameID ?? '').toLowerCase());
  const member = user ? verified.find((v) => getActiveMember(dev, v.cfg.organization_id, user.id)) : undefined;
  let revoked = 0;
  if (user && member) {
    const live = sql(dev.db, 'SELECT * FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?').all(
      user.id,
      now,
    ) as SessionRow[];
    for (const s of live) {
      revokeSession(dev, s.id);
      dev.events.emit('session.revoked', { userId: user.id, sessionId: s.id, reason: 'sso_logout' });
    }
    revoked = live.length;
  } else {
    dev.events.emit('sso.logout_failed', { organizationId: orgId, reason: 'unknown principal' });
  }
  const answering = member ?? first;
  const s = settingsOf(answering.cfg);
  if (!s.saml_slo_url && !s.saml_sso_url) return { location: null, revoked };
  const location = await samlFor(dev, answering.cfg).getLogoutResponseUrlAsync(
    answering.profile,
    relayState,
    {},
    !!member,
  );
  return { location, revoked };
}
