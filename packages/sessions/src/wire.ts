// Wire shapes (snake_case, exactly contract §4.0/§4.4). Not exported from the package root.

export interface WireSession {
  id: string;
  user_id: string;
  ip_address: string | null;
  user_agent: string | null;
  device_name: string | null;
  device_type: 'mobile' | 'tablet' | 'desktop' | 'unknown' | null;
  browser: string | null;
  os: string | null;
  is_current: boolean;
  created_at: string;
  last_activity_at: string;
  expires_at: string;
  revoked: boolean;
}

export interface WireTrustedDevice {
  id: string;
  device_name: string;
  device_fingerprint: string;
  last_ip_address: string | null;
  last_location: string | null;
  last_used_at: string;
  trust_expires_at: string | null;
  created_at: string;
  is_current_device: boolean;
}

export interface WireDeviceSession {
  id: string;
  device_name: string | null;
  ip_address: string | null;
  user_agent: string | null;
  is_trusted_device: boolean;
  last_activity: string;
  created_at: string;
  is_current_session: boolean;
}

export interface WireDevices {
  trusted_devices: WireTrustedDevice[];
  active_sessions: WireDeviceSession[];
}

export interface WireSessionActivity {
  session_id: string;
  activity_type: 'session_created' | 'session_active';
  timestamp: string;
  ip_address: string | null;
  device: string;
  device_type: 'mobile' | 'tablet' | 'desktop' | 'unknown' | null;
  revoked: boolean;
}

export interface WireSecurityAlert {
  type: 'multiple_locations' | 'old_sessions' | 'suspicious_user_agent';
  severity: 'info' | 'warning';
  message: string;
  locations?: string[];
  session_ids?: string[];
}
