import type { Page } from '@janua/core';
import type { InvitationRole, MemberRole } from './organization-role';

/** The owner or a member as a short profile. */
export interface UserSummary {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  avatarUrl: string | null;
}

/** An organization (a tenant). */
export interface Organization {
  id: string;
  name: string;
  /** Lower-case letters, digits and `-`; unique. */
  slug: string;
  description: string | null;
  logoUrl: string | null;
  /** Null when the caller is not a member (`getOrganizationBySlug`). */
  billingEmail: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Active members; null when the caller is not a member. */
  memberCount: number | null;
  /** Free-form settings, passed through untouched. */
  settings: Record<string, unknown> | null;
  /** Filled by `listOrganizations` only. */
  plan: string | null;
  /** Filled by `listOrganizations` only. */
  ownerEmail: string | null;
}

/** An organization as its members see it (`getOrganization`). */
export interface OrganizationDetail extends Organization {
  owner: UserSummary;
  subscriptionStatus: string | null;
  subscriptionPlan: string | null;
}

/** The settings record of an organization (wire `settings_data`, shallow-merged on update). */
export interface OrganizationSettings {
  id: string;
  organizationId: string;
  settings: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

/** A membership. */
export interface OrganizationMember {
  id: string;
  userId: string;
  organizationId: string;
  role: MemberRole;
  status: 'active' | 'removed' | (string & {});
  joinedAt: Date;
  metadata: Record<string, unknown> | null;
}

/** Invitation states; a pending invitation past its expiry reads as `expired`. */
export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';

/** An invitation to join an organization by email. */
export interface Invitation {
  id: string;
  organizationId: string;
  email: string;
  role: InvitationRole;
  status: InvitationStatus;
  /** User id of the inviter. */
  invitedBy: string;
  message: string | null;
  expiresAt: Date;
  createdAt: Date;
  /** `<frontend>/invitations/accept?token=…`: the link mailed to the invitee. */
  inviteUrl: string;
  emailSent: boolean;
}

/** One page of invitations with the counts of the whole filtered set. */
export interface InvitationPage extends Page<Invitation> {
  pendingCount: number;
  acceptedCount: number;
  expiredCount: number;
}

/** Result of `createInvites`: per-address outcome. */
export interface BulkInviteResult {
  successful: Invitation[];
  /** Addresses that were not invited, with the server's reason (e.g. already a member). */
  failed: { email: string; error: string }[];
  totalSent: number;
  totalFailed: number;
}

/** Result of `validateInvite`: what an accept page shows before the user commits. */
export type InviteValidation =
  | {
      valid: true;
      email: string;
      organizationId: string;
      organizationName: string;
      role: InvitationRole;
      expiresAt: Date;
      message: string | null;
    }
  | { valid: false; reason: string; email: string; organizationId: string };

/** Result of `acceptInvite`. */
export interface AcceptInviteResult {
  userId: string;
  organizationId: string;
  /** True when the account was created by this acceptance. */
  isNewUser: boolean;
  /** True when `acceptInvite` signed the new account in and stored its tokens. */
  signedIn: boolean;
}

/** A role of an organization: a system role (read-only) or a custom one. */
export interface Role {
  id: string;
  organizationId: string;
  name: string;
  description: string | null;
  /** RBAC permissions such as `org:read`, `users:invite`, `webhooks:create`, or `*`. */
  permissions: string[];
  isSystem: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Result of `assignRole`. */
export interface RoleAssignment {
  userId: string;
  organizationId: string;
  role: MemberRole;
}
