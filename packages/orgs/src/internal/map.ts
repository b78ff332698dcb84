import { type Janua, parseDate, toAbsoluteUrl } from '@janua/core';
import type { InvitationRole } from '../organization-role';
import type {
  Invitation,
  InvitationStatus,
  Organization,
  OrganizationDetail,
  OrganizationMember,
  OrganizationSettings,
  Role,
} from '../types';
import type {
  WireInvitation,
  WireOrganization,
  WireOrganizationDetail,
  WireOrganizationMember,
  WireOrganizationSettings,
  WireRole,
} from '../wire';

export function toOrganization(w: WireOrganization): Organization {
  return {
    id: w.id,
    name: w.name,
    slug: w.slug,
    description: w.description,
    logoUrl: w.logo_url,
    billingEmail: w.billing_email,
    createdAt: parseDate(w.created_at),
    updatedAt: parseDate(w.updated_at),
    memberCount: w.member_count,
    settings: w.settings,
    plan: w.plan ?? null,
    ownerEmail: w.owner_email ?? null,
  };
}

export function toOrganizationDetail(w: WireOrganizationDetail, janua: Janua): OrganizationDetail {
  return {
    ...toOrganization(w),
    owner: {
      id: w.owner.id,
      email: w.owner.email,
      firstName: w.owner.first_name,
      lastName: w.owner.last_name,
      avatarUrl: toAbsoluteUrl(w.owner.avatar_url, janua),
    },
    subscriptionStatus: w.subscription_status,
    subscriptionPlan: w.subscription_plan,
  };
}

export function toOrganizationSettings(w: WireOrganizationSettings): OrganizationSettings {
  return {
    id: w.id,
    organizationId: w.organization_id,
    settings: w.settings_data,
    createdAt: parseDate(w.created_at),
    updatedAt: parseDate(w.updated_at),
  };
}

export function toMember(w: WireOrganizationMember): OrganizationMember {
  return {
    id: w.id,
    userId: w.user_id,
    organizationId: w.organization_id,
    role: w.role,
    status: w.status,
    joinedAt: parseDate(w.joined_at),
    metadata: w.metadata,
  };
}

export function toInvitation(w: WireInvitation): Invitation {
  return {
    id: w.id,
    organizationId: w.organization_id,
    email: w.email,
    role: w.role as InvitationRole,
    status: w.status as InvitationStatus,
    invitedBy: w.invited_by,
    message: w.message,
    expiresAt: parseDate(w.expires_at),
    createdAt: parseDate(w.created_at),
    inviteUrl: w.invite_url,
    emailSent: w.email_sent,
  };
}

export function toRole(w: WireRole): Role {
  return {
    id: w.id,
    organizationId: w.organization_id,
    name: w.name,
    description: w.description,
    permissions: w.permissions,
    isSystem: w.is_system,
    createdAt: parseDate(w.created_at),
    updatedAt: parseDate(w.updated_at),
  };
}
