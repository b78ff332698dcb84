import type { Profile } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import type { Dev } from '../context';
import { HttpError } from '../errors';
import { sql } from '../store/db';
import { accountOrigin } from './account-origins';
import { getActiveMember } from './orgs';
import { revokeSession, type SessionRow } from './sessions';
import { SSO_FAILED, type SsoConfigRow, samlFor, settingsOf } from './sso';
import { getUserByEmail, getUserById, type UserRow } from './users';

// SAML single logout, IdP-initiated, HTTP-POST binding (SAML 2.0 Profiles §4.4): a signed
// LogoutRequest in, the user's sessions revoked, a LogoutResponse back to the IdP.

export const sloUrl = (dev: Dev) => `${dev.config.url}/api/v1/sso/saml/slo`;
const SKEW_MS = 30_000;
const MAX_AGE_MS = 5 * 60_000;

function refuse(dev: Dev, reason: string, orgId: string | null): never {
  dev.events.emit('sso.logout_failed', { organizationId: orgId, reason });
  throw new HttpError(401, SSO_FAILED);
}

const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';

/**
 * The document's root element, the one node-saml checks the signature of, parsed the way node-saml
 * parses it (@xmldom/xmldom). Nothing but an XML declaration and whitespace may stand beside it: a comment or
 * processing instruction outside the signed root is how a second, unsigned "LogoutRequest" gets
 * in front of regex readers, and a DTD has no business in a protocol message.
 */
function signedRoot(xml: string): Element | null {
  let doc: Document;
  try {
    doc = new DOMParser({ onError: () => {} }).parseFromString(xml, 'text/xml') as unknown as Document;
  } catch {
    return null;
  }
  const root = doc?.documentElement;
  if (root?.localName !== 'LogoutRequest' || root.namespaceURI !== PROTOCOL_NS) return null;
  for (let n = doc.firstChild; n; n = n.nextSibling) {
    if (n === root) continue;
    const declaration = n.nodeType === 7 && (n as ProcessingInstruction).target === 'xml' && n === doc.firstChild;
    // Line breaks around the root (e.g. after the declaration) are ordinary IdP output and carry nothing.
    const whitespace = n.nodeType === 3 && /^\s*$/.test(n.nodeValue ?? '');
    if (!declaration && !whitespace) return null;
  }
  return root;
}

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
  const root = signedRoot(xml);
  if (!root) return refuse(dev, 'not a LogoutRequest', null);
  const issuerElement = Array.from(root.childNodes).find(
    (n): n is Element => n.nodeType === 1 && (n as Element).localName === 'Issuer',
  );
  const issuer = issuerElement?.textContent?.trim();
  if (!issuer || !root.getAttribute('ID')) return refuse(dev, 'not a LogoutRequest', null);
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

  // node-saml's own time check reads the wall clock and is off; the window is checked here, on
  // the attributes of the root element whose signature node-saml verified.
  const now = dev.clock.now();
  const issued = Date.parse(root.getAttribute('IssueInstant') ?? '');
  const notOnOrAfter = root.getAttribute('NotOnOrAfter');
  if (Number.isNaN(issued) || issued > now + SKEW_MS || now - SKEW_MS > issued + MAX_AGE_MS) {
    return refuse(dev, 'LogoutRequest expired', orgId);
  }
  if (notOnOrAfter && !(now - SKEW_MS < Date.parse(notOnOrAfter))) return refuse(dev, 'LogoutRequest expired', orgId);
  // Required: a request signed for another SP must not work here.
  if (root.getAttribute('Destination') !== sloUrl(dev)) {
    return refuse(dev, 'LogoutRequest destination mismatch', orgId);
  }
  const id = first.profile.ID as string;
  const fresh = sql(dev.db, 'INSERT OR IGNORE INTO sso_saml_logout_requests (id, seen_at) VALUES (?,?)').run(id, now);
  if (fresh.changes === 0) return refuse(dev, 'LogoutRequest replayed', orgId);

  // The NameID names the person through the SSO link of the verified configuration (issuer +
  // NameID), as at sign-in; an email match counts only for an account that configuration created.
  const nameId = String(first.profile.nameID ?? '');
  const resolve = (cfg: SsoConfigRow): UserRow | undefined => {
    const link = sql(
      dev.db,
      'SELECT user_id FROM sso_identities WHERE configuration_id = ? AND issuer = ? AND subject = ?',
    ).get(cfg.id, issuer, nameId) as { user_id: string } | undefined;
    if (link) return getUserById(dev, link.user_id);
    const byEmail = getUserByEmail(dev, nameId.toLowerCase());
    return byEmail && accountOrigin(dev, byEmail.id)?.configuration_id === cfg.id ? byEmail : undefined;
  };
  const matches = verified.flatMap((v) => {
    const u = resolve(v.cfg);
    return u && getActiveMember(dev, v.cfg.organization_id, u.id) ? [{ ...v, user: u }] : [];
  });
  const member = matches[0];
  const user = member?.user;
  let revoked = 0;
  if (user && member) {
    // Only what SSO through this IdP started ends here: not the user's password or passkey
    // sessions, nor sessions from another organization's SSO.
    const ids = matches.filter((m) => m.user.id === user.id).map((m) => m.cfg.id);
    const live = sql(
      dev.db,
      `SELECT s.* FROM sessions s JOIN sso_sessions x ON x.session_id = s.id
       WHERE s.user_id = ? AND s.revoked_at IS NULL AND s.expires_at > ?
       AND x.configuration_id IN (${ids.map(() => '?').join(',')})`,
    ).all(user.id, now, ...ids) as SessionRow[];
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
