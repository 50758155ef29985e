import { error } from '@sveltejs/kit';
import { clientAddress, guard } from '$lib/server/auth/guard';
import { benchFloorsEnabled, commitFloorRow } from '$lib/server/bench/floor';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** `npm run bench`'s write floor: commits one audit-sized row. A 404 unless the server runs with BENCH=1. */
export const POST: RequestHandler = async (event) => {
	await guard(event, 'bench.write-floor');
	if (!benchFloorsEnabled()) error(404, 'Not found');
	await commitFloorRow(db(), clientAddress(event));
	return new Response(null, { status: 204 });
};
