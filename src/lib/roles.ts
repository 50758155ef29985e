/** Roles, safe to import in the browser. A deputy DSL has the same rights as a DSL. */
export const ROLES = ['provider_admin', 'youth_worker', 'commissioner', 'dsl', 'deputy_dsl', 'governor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	provider_admin: 'Provider admin',
	youth_worker: 'Youth worker',
	commissioner: 'Commissioner',
	dsl: 'Designated safeguarding lead',
	deputy_dsl: 'Deputy designated safeguarding lead',
	governor: 'Governor'
};

/** Roles that belong to one school; the others belong to the whole service. */
export const SCHOOL_ROLES: readonly Role[] = ['dsl', 'deputy_dsl', 'governor'];
/** Roles that reach pupil data, so MFA is required before anything else (SECURITY.md 5). */
export const MFA_REQUIRED_ROLES: readonly Role[] = ['provider_admin', 'youth_worker', 'dsl', 'deputy_dsl'];

export function isSchoolRole(role: Role): boolean {
	return SCHOOL_ROLES.includes(role);
}
