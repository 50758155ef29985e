import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadEvent } from '@sveltejs/kit';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { db, t } from '$lib/server/db';
import { load as reportLoad } from '../../src/routes/(app)/reports/school/[schoolId]/+page.server';
import { GET as pdfGet } from '../../src/routes/(app)/reports/school/[schoolId]/report.pdf/+server';
import { GET as csvGet } from '../../src/routes/(app)/reports/school/[schoolId]/report.csv/+server';
import { load as serviceLoad } from '../../src/routes/(app)/reports/service/+page.server';
import { GET as serviceCsvGet } from '../../src/routes/(app)/reports/service/report.csv/+server';
import { useTestDatabase } from '../helpers/database';
import { acceptedCase, submittedCase } from '../helpers/case';
import { canaryAnswers, findCanaries } from '../helpers/canaries';
import { dataAsSent } from '../helpers/as-sent';
import { fakeEvent } from '../helpers/event';
import { pdfText } from '../helpers/pdf';
import { seedWorld, type World } from '../helpers/world';

/*
 * SECURITY.md 3: governors and commissioners never receive a pupil-level value. Real referrals made
 * through the domain code carry a canary in every pupil-level and free-text field; every report output
 * (the page's data, the CSV, the PDF's text) of the governors' report and the service report is
 * scanned for them.
 */

let close: () => Promise<void>;
let world: World;
const auth: Record<string, AuthContext> = {};

async function authFor(userId: string): Promise<AuthContext> {
	const { session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'test', mfaVerifiedAt: new Date() });
	const context = await loadAuthContext(db(), session);
	if (!context) throw new Error('no auth context');
	return context;
}

beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	const s = world.services[0];
	const school = s.schools[0];
	for (let i = 0; i < 3; i++) await submittedCase(school.actors.dsl, canaryAnswers());
	for (let i = 0; i < 2; i++) await acceptedCase(school.actors.dsl, s.actors.youth_worker, canaryAnswers());
	auth.governor = await authFor(school.actors.governor.userId);
	auth.commissioner = await authFor(s.actors.commissioner.userId);
	auth.admin = await authFor(s.actors.provider_admin.userId);
});
afterAll(() => close());

const schoolId = () => world.services[0].schools[0].id;
const event = (path: string, as: AuthContext) => ({ ...fakeEvent({ path, auth: as }), params: { schoolId: schoolId() } });

/** Every output of the governors' report, as text, for one person. */
async function governorOutputs(as: AuthContext): Promise<Record<string, string>> {
	const base = `/reports/school/${schoolId()}`;
	const page = event(base, as);
	const data = await reportLoad(page as unknown as Parameters<typeof reportLoad>[0] & LoadEvent);
	const csv = (await csvGet(event(`${base}/report.csv`, as) as never)) as Response;
	const pdf = (await pdfGet(event(`${base}/report.pdf`, as) as never)) as Response;
	return {
		'page data': dataAsSent(page, data),
		csv: await csv.text(),
		'pdf text': (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).text
	};
}

/** Every output of the service report, unfiltered and filtered to the school with the canaries. */
async function serviceOutputs(as: AuthContext): Promise<Record<string, string>> {
	const outputs: Record<string, string> = {};
	for (const query of ['', `?school=${schoolId()}`]) {
		const page = fakeEvent({ path: `/reports/service${query}`, auth: as });
		const data = await serviceLoad(page as unknown as Parameters<typeof serviceLoad>[0] & LoadEvent);
		const csv = (await serviceCsvGet(fakeEvent({ path: `/reports/service/report.csv${query}`, auth: as }) as never)) as Response;
		outputs[`page data${query}`] = dataAsSent(page, data);
		outputs[`csv${query}`] = await csv.text();
	}
	return outputs;
}

describe('report outputs never carry a pupil-level value (SECURITY.md 3)', () => {
	it('plants canaries that the statistics rows really count', async () => {
		// The canaries are really stored on the referrals (so a leak would have something to leak).
		const stored = JSON.stringify([await db().select().from(t.referral), await db().select().from(t.referralSection)]);
		expect(findCanaries(stored)).toEqual(expect.arrayContaining(['Quillonforename', 'K98765432101Q', 'Quillon canary note about the substance', '2012-03-14']));
		const outputs = await governorOutputs(auth.governor as AuthContext);
		// The referrals are there to be counted: the page shows five this year.
		const page = outputs['page data'] ?? '';
		const html = (JSON.parse(page) as { body: { html: string } }).body.html;
		expect(html).toMatch(/<th scope="row">Referrals <span[^]*?<\/th><td>5<\/td>/);
	});

	for (const who of ['governor', 'commissioner', 'admin'] as const) {
		it(`gives the ${who} the governors’ report with no name, UPN, address, note or date of birth in any output`, async () => {
			const outputs = await governorOutputs(auth[who] as AuthContext);
			for (const [output, text] of Object.entries(outputs)) expect({ output, found: findCanaries(text) }).toEqual({ output, found: [] });
		});
	}

	for (const who of ['commissioner', 'admin'] as const) {
		it(`gives the ${who} the service report, whole and filtered to a school, with no pupil-level value in any output`, async () => {
			const outputs = await serviceOutputs(auth[who] as AuthContext);
			expect(outputs['page data']).toContain('Referrals');
			for (const [output, text] of Object.entries(outputs)) expect({ output, found: findCanaries(text) }).toEqual({ output, found: [] });
		});
	}

	it('would notice a canary if one leaked (the scanner is not blind)', () => {
		expect(findCanaries('Pupil: QUILLONFORENAME, born 14/03/2012')).toEqual(['Quillonforename', '14/03/2012']);
		expect(findCanaries('{"dob":"2012-03-14"}')).toEqual(['2012-03-14']);
	});
});
