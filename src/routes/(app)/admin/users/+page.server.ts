import { ROLE_LABELS, ROLES } from '$lib/roles';
import { roleFilter } from '$lib/schemas/admin-users';
import { guard } from '$lib/server/auth/guard';
import { listUsers } from '$lib/server/admin/users';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.user.list');
	const role = roleFilter(event.url.searchParams.get('role'));
	const users = await listUsers(actor, { role });
	return {
		role: role ?? '',
		roleOptions: [{ value: '', label: 'All roles' }, ...ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }))],
		users: users.map((u) => ({ id: u.id, displayName: u.displayName, email: u.email, roleLabel: u.roleLabel, senior: u.senior, schoolName: u.schoolName, status: u.status }))
	};
};
