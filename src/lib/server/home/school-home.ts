import type { Actor } from '../auth/actor';
import type { ListFilter } from '../referrals/lists';
import { keptPage, recordVersions, schoolScope, SHARED_SCOPE } from '../render/kept-pages';
import { KeptHtml } from '../render/kept-section';
import { upcomingForSchool } from '../support-sessions/lists';
import { schoolHomeView } from './home';

/**
 * A school's home: its referrals (filtered, searched or paged), and, on the home view itself, the
 * follow-ups to record and sessions coming up. `listing`: the list alone, under the search form.
 */
export async function schoolHomeData(actor: Actor, filter: ListFilter, listing: boolean) {
	const home = await schoolHomeView(actor, filter, { panels: !listing });
	return { home, upcomingSessions: listing ? null : await upcomingForSchool(actor), listing };
}

export type SchoolHomeData = Awaited<ReturnType<typeof schoolHomeData>>;

export interface RenderedSchoolHome {
	programmeName: string;
	/** The page below its heading, as HTML (render/kept-section.ts). */
	body: KeptHtml;
}

/**
 * The school's home for a safeguarding lead, kept while nothing on it has changed: its school's
 * record version and the shared one (render/kept-pages.ts). Everything on it is the actor's own
 * school's, which its queries scope; the audit rows of its reads are written on every request.
 */
export async function schoolHome(actor: Actor, filter: ListFilter, listing: boolean, render: (data: SchoolHomeData) => string, now = Date.now()): Promise<RenderedSchoolHome> {
	const schoolId = actor.schoolId ?? '';
	const versions = await recordVersions([schoolScope(schoolId), SHARED_SCOPE]);
	const page = `home:${schoolId}\n${JSON.stringify([filter.state ?? null, filter.search ?? null, filter.after ?? null, listing])}`;
	const kept = await keptPage(
		actor,
		page,
		versions,
		async () => {
			const data = await schoolHomeData(actor, filter, listing);
			const body = new KeptHtml(render(data));
			return { value: { programmeName: data.home.programmeName, body }, bytes: body.html.length * 3 };
		},
		now
	);
	if (!kept) throw new Error('a school’s home is always built');
	return kept;
}
