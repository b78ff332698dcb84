import { generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import { SignedXml } from 'xml-crypto';

// The §7.5 stand-in SAML IdP. Its key pair lives only in memory for the life of the process; the
// certificate is self-signed here with a minimal DER encoder because node:crypto reads X.509 but
// cannot issue it.

const der = (tag: number, body: Buffer): Buffer => {
  const len = body.length;
  const head =
    len < 0x80
      ? Buffer.from([tag, len])
      : len < 0x100
        ? Buffer.from([tag, 0x81, len])
        : Buffer.from([tag, 0x82, len >> 8, len & 0xff]);
  return Buffer.concat([head, body]);
};
const seq = (...parts: Buffer[]) => der(0x30, Buffer.concat(parts));
const oid = (dotted: string) => {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [a * 40 + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
};
const utcTime = (d: Date) => der(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-:T]/g, '')}Z`, 'ascii'));
const name = (cn: string) => seq(der(0x31, seq(oid('2.5.4.3'), der(0x0c, Buffer.from(cn, 'utf8')))));
const SHA256_RSA = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

function selfSignedCertificate(privateKey: KeyObject, publicKey: KeyObject, cn: string): string {
  const now = Date.now();
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([0x02]))),
    der(0x02, Buffer.from([0x01, ...Buffer.from(randomUUID().replace(/-/g, '').slice(0, 14), 'hex')])),
    SHA256_RSA,
    name(cn),
    seq(utcTime(new Date(now - 24 * 3600_000)), utcTime(new Date(now + 10 * 365 * 24 * 3600_000))),
    name(cn),
    publicKey.export({ type: 'spki', format: 'der' }) as Buffer,
  );
  const signature = sign('sha256', tbs, privateKey);
  const cert = seq(tbs, SHA256_RSA, der(0x03, Buffer.concat([Buffer.from([0x00]), signature])));
  const b64 =
    cert
      .toString('base64')
      .match(/.{1,64}/g)
      ?.join('\n') ?? '';
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----`;
}

export interface StandInIdp {
  privateKeyPem: string;
  certificatePem: string;
  /** A second key for `fault=bad_signature`: a valid signature by the wrong signer. */
  rogueKeyPem: string;
}

let idp: StandInIdp | undefined;

/** The process-wide stand-in IdP keys (created on first use: RSA key generation takes a moment). */
export function standInIdp(): StandInIdp {
  if (!idp) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rogue = generateKeyPairSync('rsa', { modulusLength: 2048 });
    idp = {
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      certificatePem: selfSignedCertificate(privateKey, publicKey, 'Janua dev stand-in IdP'),
      rogueKeyPem: rogue.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    };
  }
  return idp;
}

const certBody = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function idpMetadata(entityId: string, ssoUrl: string, sloUrl: string): string {
  const { certificatePem } = standInIdp();
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${esc(entityId)}">` +
    '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="false">' +
    '<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>' +
    `<ds:X509Certificate>${certBody(certificatePem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${esc(sloUrl)}"/>` +
    '<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>' +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${esc(ssoUrl)}"/>` +
    '</md:IDPSSODescriptor></md:EntityDescriptor>'
  );
}

export interface ResponseInput {
  issuer: string;
  destination: string;
  audience: string;
  inResponseTo: string | null;
  email: string;
  firstName: string | null;
  lastName: string | null;
  nowMs: number;
  fault: 'bad_signature' | 'expired' | 'wrong_audience' | null;
}

/** A signed SAML Response (RSA-SHA256 over the Assertion), base64 for the POST binding. */
export function signedResponse(o: ResponseInput): string {
  const { privateKeyPem, certificatePem, rogueKeyPem } = standInIdp();
  const start = o.fault === 'expired' ? o.nowMs - 20 * 60_000 : o.nowMs;
  const now = new Date(start).toISOString();
  const before = new Date(start - 30_000).toISOString();
  const until = new Date(start + 5 * 60_000).toISOString();
  const audience = o.fault === 'wrong_audience' ? 'https://wrong-audience.invalid/sp' : o.audience;
  const irt = o.inResponseTo ? ` InResponseTo="${esc(o.inResponseTo)}"` : '';
  const attr = (n: string, v: string | null) =>
    v ? `<saml:Attribute Name="${n}"><saml:AttributeValue>${esc(v)}</saml:AttributeValue></saml:Attribute>` : '';
  const xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0" IssueInstant="${now}" Destination="${esc(o.destination)}"${irt}>` +
    `<saml:Issuer>${esc(o.issuer)}</saml:Issuer>` +
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>' +
    `<saml:Assertion ID="_${randomUUID()}" Version="2.0" IssueInstant="${now}">` +
    `<saml:Issuer>${esc(o.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${esc(o.email)}</saml:NameID>` +
    '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
    `<saml:SubjectConfirmationData NotOnOrAfter="${until}" Recipient="${esc(o.destination)}"${irt}/>` +
    '</saml:SubjectConfirmation></saml:Subject>' +
    `<saml:Conditions NotBefore="${before}" NotOnOrAfter="${until}"><saml:AudienceRestriction>` +
    `<saml:Audience>${esc(audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${now}" SessionIndex="_${randomUUID()}"><saml:AuthnContext>` +
    '<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>' +
    '</saml:AuthnContext></saml:AuthnStatement>' +
    `<saml:AttributeStatement>${attr('email', o.email)}${attr('first_name', o.firstName)}${attr('last_name', o.lastName)}</saml:AttributeStatement>` +
    '</saml:Assertion></samlp:Response>';
  const sig = new SignedXml({
    privateKey: o.fault === 'bad_signature' ? rogueKeyPem : privateKeyPem,
    publicCert: certificatePem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, {
    location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' },
  });
  return Buffer.from(sig.getSignedXml()).toString('base64');
}

export interface LogoutRequestInput {
  issuer: string;
  destination: string;
  email: string;
  nowMs: number;
  fault: 'bad_signature' | 'unsigned' | 'expired' | null;
}

/** An IdP-initiated LogoutRequest for the HTTP-POST binding, signed over the whole message, base64. */
export function signedLogoutRequest(o: LogoutRequestInput): string {
  const { privateKeyPem, certificatePem, rogueKeyPem } = standInIdp();
  const start = o.fault === 'expired' ? o.nowMs - 20 * 60_000 : o.nowMs;
  const xml =
    `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0" IssueInstant="${new Date(start).toISOString()}" NotOnOrAfter="${new Date(start + 5 * 60_000).toISOString()}" Destination="${esc(o.destination)}">` +
    `<saml:Issuer>${esc(o.issuer)}</saml:Issuer>` +
    `<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${esc(o.email)}</saml:NameID>` +
    '</samlp:LogoutRequest>';
  if (o.fault === 'unsigned') return Buffer.from(xml).toString('base64');
  const sig = new SignedXml({
    privateKey: o.fault === 'bad_signature' ? rogueKeyPem : privateKeyPem,
    publicCert: certificatePem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: "/*[local-name(.)='LogoutRequest']",
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, {
    location: { reference: "/*[local-name(.)='LogoutRequest']/*[local-name(.)='Issuer']", action: 'after' },
  });
  return Buffer.from(sig.getSignedXml()).toString('base64');
}

export { esc as escapeHtml };
