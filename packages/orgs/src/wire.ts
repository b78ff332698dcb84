// Wire shapes (snake_case, exactly contract §4.0/§4.5). Not exported from the package root.

export interface WireUserSummary {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  avatar_url: string | null;
}

export interface WireOrganization {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  logo_url: string | null;
  billing_email: string | null;
  created_at: string;
  updated_at: string;
  member_count: number | null;
  settings: Record<string, unknown> | null;
  plan: string | null;
  owner_email: string | null;
}

export interface WireOrganizationDetail extends WireOrganization {
  owner: WireUserSummary;
  subscription_status: string | null;
  subscription_plan: string | null;
}

export interface WireOrganizationList {
  organizations: WireOrganization[];
  total: number;
  page: number;
  per_page: number;
}

export interface WireOrganizationSettings {
  id: string;
  organization_id: string;
  settings_data: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface WireOrganizationMember {
  id: string;
  user_id: string;
  organization_id: string;
  role: string;
  status: string;
  joined_at: string;
  metadata: Record<string, unknown> | null;
}

export interface WirePermissionCheck {
  has_permission: boolean;
  permission: string;
}

export interface WireInvitation {
  id: string;
  organization_id: string;
  email: string;
  role: string;
  status: string;
  invited_by: string;
  message: string | null;
  expires_at: string;
  created_at: string;
  invite_url: string;
  email_sent: boolean;
}

export interface WireInvitationList {
  invitations: WireInvitation[];
  total: number;
  pending_count: number;
  accepted_count: number;
  expired_count: number;
}

export interface WireBulkInvitations {
  successful: WireInvitation[];
  failed: { email: string; error: string }[];
  total_sent: number;
  total_failed: number;
}

export type WireInvitationValidation =
  | {
      valid: true;
      email: string;
      organization_id: string;
      organization_name: string;
      role: string;
      expires_at: string;
      message: string | null;
    }
  | { valid: false; reason: string; email: string; organization_id: string };

export interface WireAcceptInvitation {
  success: boolean;
  user_id: string;
  organization_id: string;
  message: string;
  is_new_user: boolean;
}

export interface WireRole {
  id: string;
  organization_id: string;
  name: string;
  description: string | null;
  permissions: string[];
  is_system: boolean;
  created_at: string;
  updated_at: string;
}

export interface WireRoleList {
  items: WireRole[];
  total: number;
  page: number;
  per_page: number;
}

export interface WireRoleAssignment {
  user_id: string;
  organization_id: string;
  role: string;
  message: string;
}

/** The part of `SignInResponse` (§4.0) that `acceptInvite` reads after creating an account. */
export interface WireSignInTokens {
  tokens: import('@janua/core').WireTokenResponse | null;
  mfa_required: boolean;
}
