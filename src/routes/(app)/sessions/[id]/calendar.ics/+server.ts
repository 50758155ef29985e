import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { sessionCalendar } from '$lib/server/support-sessions/calendar';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = await guard(event, 'session.calendar');
	const ics = await sessionCalendar(actor, event.params.id);
	if (!ics) error(404, 'Not found');
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="session.ics"',
			'cache-control': 'no-store'
		}
	});
};
