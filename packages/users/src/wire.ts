// Wire shapes (snake_case, exactly contract §4.0/§4.3). Not exported from the package root.

export interface WireUser {
  id: string;
  email: string;
  email_verified: boolean;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  display_name: string | null;
  profile_image_url: string | null;
  bio: string | null;
  phone_number: string | null;
  phone_verified: boolean;
  timezone: string | null;
  locale: string | null;
  status: 'active' | 'inactive' | 'suspended' | 'pending' | 'deleted';
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
  user_metadata: Record<string, unknown>;
}

export interface WireUserUpdate {
  first_name?: string;
  last_name?: string;
  display_name?: string;
  bio?: string;
  phone_number?: string;
  timezone?: string;
  locale?: string;
  user_metadata?: Record<string, unknown>;
}

export interface WireUserList {
  users: WireUser[];
  total: number;
  page: number;
  per_page: number;
}

export interface WireAdminUserCreated {
  id: string;
  email: string;
  email_verified: boolean;
  name: string | null;
  status: string;
  is_admin: boolean;
  organization_id: string | null;
  organization_role: string | null;
  set_password_token: string | null;
  created_at: string;
}

/** An OAuth-client consent (`/users/me/consents`, contract §4.3; the object is the dev server's). */
export interface WireConsent {
  id: string;
  user_id: string;
  client_id: string;
  scopes: string[];
  granted_at: string;
  expires_at: string | null;
}
