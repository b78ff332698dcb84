/** A signed-in session (one refresh-token family) of the current user. */
export interface Session {
  id: string;
  userId: string;
  ipAddress: string | null;
  userAgent: string | null;
  deviceName: string | null;
  deviceType: 'mobile' | 'tablet' | 'desktop' | 'unknown' | null;
  browser: string | null;
  os: string | null;
  /** True for the session of the token this call used. */
  isCurrent: boolean;
  createdAt: Date;
  lastActivityAt: Date;
  expiresAt: Date;
  revoked: boolean;
}

/** A device the user trusts (by its User-Agent fingerprint). */
export interface TrustedDevice {
  id: string;
  deviceName: string;
  /** First 8 characters of the fingerprint, then `****`. */
  deviceFingerprint: string;
  lastIpAddress: string | null;
  lastLocation: string | null;
  lastUsedAt: Date;
  trustExpiresAt: Date | null;
  createdAt: Date;
  isCurrentDevice: boolean;
}

/** The device facts of one session, with whether that device is trusted. */
export interface SessionDevice {
  deviceName: string | null;
  deviceType: Session['deviceType'];
  browser: string | null;
  os: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  trusted: boolean;
}
