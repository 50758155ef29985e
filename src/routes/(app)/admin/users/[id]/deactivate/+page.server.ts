import { error, fail, redirect } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { setUserActive } from '$lib/server/admin/user-changes';
import { viewUser } from '$lib/server/admin/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.user.edit');
	const user = await viewUser(actor, event.params.id);
	if (!user) error(404, 'Not found');
	return { user: { id: user.id, displayName: user.displayName, email: user.email, deactivated: user.status === 'deactivated' }, isSelf: user.id === actor.userId };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = await guard(event, 'admin.user.edit');
		const result = await setUserActive(actor, event.params.id, false);
		if (!result.ok && result.reason === 'not-found') error(404, 'Not found');
		if (!result.ok) return fail(400, { message: result.message });
		redirect(303, `/admin/users/${event.params.id}?done=deactivated`);
	}
};
