import { guard } from '$lib/server/auth/guard';
import { listSchools } from '$lib/server/admin/schools';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event, 'admin.school.list');
	const schools = await listSchools(actor);
	return {
		schools: schools.map((s) => ({ id: s.id, name: s.name, urn: s.urn, type: s.type, phase: s.phase, localAuthority: s.localAuthority, active: s.active }))
	};
};
