import { error, fail, redirect } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { resendPasswordLink, setUserActive } from '$lib/server/admin/user-changes';
import { viewUser } from '$lib/server/admin/users';
import { endAllSessionsOfUser } from '$lib/server/users/active-sessions';
import type { Actions, PageServerLoad } from './$types';

const DONE: Record<string, string> = {
	'role-changed': 'The role has been changed. They have been signed out everywhere and sign in again with the new role.',
	deactivated: 'The account has been deactivated and signed out everywhere.',
	reactivated: 'The account has been reactivated.',
	'sessions-ended': 'They have been signed out everywhere. They can sign in again with their password and authenticator app.',
	'mfa-reset': 'Their authenticator app has been reset and they have been signed out. They set it up again when they next sign in.'
};

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.user.view');
	const user = await viewUser(actor, event.params.id);
	if (!user) error(404, 'Not found');
	return {
		user: {
			id: user.id,
			email: user.email,
			displayName: user.displayName,
			roleLabel: user.roleLabel,
			isYouthWorker: user.role === 'youth_worker',
			schoolName: user.schoolName,
			senior: user.senior,
			status: user.status,
			mfaEnrolled: user.mfaEnrolled,
			lastSignIn: user.lastSignInAt?.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }) ?? null
		},
		isSelf: user.id === actor.userId,
		done: DONE[event.url.searchParams.get('done') ?? ''] ?? null
	};
};

export const actions: Actions = {
	endSessions: async (event) => {
		const actor = await guard(event, 'admin.user.edit');
		if (!(await endAllSessionsOfUser(actor, event.params.id))) error(404, 'Not found');
		redirect(303, `/admin/users/${event.params.id}?done=sessions-ended`);
	},
	reactivate: async (event) => {
		const actor = await guard(event, 'admin.user.edit');
		const result = await setUserActive(actor, event.params.id, true);
		if (!result.ok && result.reason === 'not-found') error(404, 'Not found');
		if (!result.ok) return fail(400, { message: result.message });
		redirect(303, `/admin/users/${event.params.id}?done=reactivated`);
	},
	resendLink: async (event) => {
		const actor = await guard(event, 'admin.user.edit');
		const result = await resendPasswordLink(actor, event.params.id);
		if (!result.ok && result.reason === 'not-found') error(404, 'Not found');
		if (!result.ok) return fail(400, { message: result.message });
		// Shown once on this page, and emailed; only the link's hash is stored.
		return { link: result.link };
	}
};
