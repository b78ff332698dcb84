export { type AcceptInviteParams, acceptInvite } from './accept-invite';
export { type AddMemberParams, addMember } from './add-member';
export { type AssignRoleParams, assignRole } from './assign-role';
export { type CheckPermissionParams, checkPermission } from './check-permission';
export {
  type CleanupExpiredInvitesParams,
  cleanupExpiredInvites,
  type InviteCleanupResult,
} from './cleanup-expired-invites';
export { type CreateInviteParams, createInvite } from './create-invite';
export { type CreateInvitesParams, createInvites } from './create-invites';
export { type CreateOrganizationParams, createOrganization } from './create-organization';
export { type CreateRoleParams, createRole } from './create-role';
export { type DeleteOrganizationParams, deleteOrganization } from './delete-organization';
export { type DeleteRoleParams, deleteRole } from './delete-role';
export { type GetInviteParams, getInvite } from './get-invite';
export { type GetOrganizationParams, getOrganization } from './get-organization';
export { type GetOrganizationBySlugParams, getOrganizationBySlug } from './get-organization-by-slug';
export { type GetOrganizationSettingsParams, getOrganizationSettings } from './get-organization-settings';
export { iterateInvites } from './iterate-invites';
export { iterateOrganizations } from './iterate-organizations';
export { iterateRoles } from './iterate-roles';
export { type ListInvitesParams, listInvites } from './list-invites';
export { type ListMembersParams, listMembers } from './list-members';
export { type ListOrganizationsParams, listOrganizations } from './list-organizations';
export { type ListRolesParams, listRoles } from './list-roles';
export { type InvitationRole, type MemberRole, OrganizationRole } from './organization-role';
export { type RemoveMemberParams, removeMember } from './remove-member';
export { type ResendInviteParams, resendInvite } from './resend-invite';
export { type RevokeInviteParams, revokeInvite } from './revoke-invite';
export type {
  AcceptInviteResult,
  BulkInviteResult,
  Invitation,
  InvitationPage,
  InvitationStatus,
  InviteValidation,
  Organization,
  OrganizationDetail,
  OrganizationMember,
  OrganizationSettings,
  Role,
  RoleAssignment,
  UserSummary,
} from './types';
export { type UpdateInviteParams, updateInvite } from './update-invite';
export { type UpdateMemberRoleParams, updateMemberRole } from './update-member-role';
export { type UpdateOrganizationParams, updateOrganization } from './update-organization';
export { type UpdateOrganizationSettingsParams, updateOrganizationSettings } from './update-organization-settings';
export { type UpdateRoleParams, updateRole } from './update-role';
export { type ValidateInviteParams, validateInvite } from './validate-invite';
