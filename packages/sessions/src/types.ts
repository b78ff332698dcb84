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

/** One entry of {@link listSessionActivity}: a session and when it was last used. */
export interface SessionActivity {
  sessionId: string;
  /** `session_created` while the session has not been used since sign-in. */
  activityType: 'session_created' | 'session_active' | (string & {});
  /** The session's last activity. */
  timestamp: Date;
  ipAddress: string | null;
  /** e.g. `Chrome on macOS`. */
  device: string;
  deviceType: Session['deviceType'];
  /** True once the session was revoked or has expired (the feed keeps them). */
  revoked: boolean;
}

/** A warning about the user's live sessions, from {@link listSecurityAlerts}. */
export interface SecurityAlert {
  type: 'multiple_locations' | 'old_sessions' | 'suspicious_user_agent' | (string & {});
  severity: 'info' | 'warning' | (string & {});
  message: string;
  /** The IP addresses involved (`multiple_locations`); empty for other types. */
  locations: string[];
  /** The sessions involved (`old_sessions`, `suspicious_user_agent`); empty for other types. */
  sessionIds: string[];
}
