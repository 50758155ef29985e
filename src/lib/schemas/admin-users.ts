import { z } from 'zod';
import { ROLES, type Role } from '$lib/roles';

export function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}

/*
 * The role is a plain string checked against the list: an enum field would default to its first
 * value, so a post that left it out would quietly make a provider admin.
 */
const role = z.string().max(40, 'Select a role').refine(isRole, 'Select a role');
/** Required only for a school role; the server checks it belongs to the admin's service. */
const schoolId = z.string().max(40, 'Select a school from the list');
const senior = z.boolean().default(false);

export const newUserSchema = z.object({
	displayName: z.string().trim().min(1, 'Enter their full name').max(100, 'Full name must be 100 characters or fewer'),
	email: z
		.string()
		.trim()
		.min(1, 'Enter their email address')
		.max(254, 'Email address must be 254 characters or fewer')
		.email('Enter an email address in the correct format, like name@example.org'),
	role,
	schoolId,
	senior
});

/** A role change carries the version it read, so a stale save is refused (SECURITY.md 20). */
export const changeRoleSchema = z.object({
	role,
	schoolId,
	senior,
	version: z.number().int().min(1, 'Reload the page and make your changes again')
});

/** The user list's filter, from the query string: anything unknown means "every role". */
export function roleFilter(value: string | null): Role | null {
	return value && isRole(value) ? value : null;
}
