/**
 * The system roles of an organization, highest first: `owner` > `admin` > `member` >
 * `viewer` = `guest` (contract §4.5). A member may also hold a custom role by its name.
 *
 * @example
 * ```ts
 * await addMember(janua, { organizationId, userId, role: OrganizationRole.Admin });
 * ```
 */
export const OrganizationRole = {
  Owner: 'owner',
  Admin: 'admin',
  Member: 'member',
  Viewer: 'viewer',
  Guest: 'guest',
} as const;

/** One of the system role names; see the {@link OrganizationRole} constant. */
export type OrganizationRole = (typeof OrganizationRole)[keyof typeof OrganizationRole];

/** A system role, or the name of a custom role created with `createRole`. */
export type MemberRole = OrganizationRole | (string & {});

/** Roles an invitation may carry (contract §4.5: not `guest`). */
export type InvitationRole = Exclude<OrganizationRole, 'guest'>;
