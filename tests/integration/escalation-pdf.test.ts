import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, t } from '$lib/server/db';
import { createEscalation, updateEscalation } from '$lib/server/escalations/escalations';
import { escalationSummaryPdf } from '$lib/server/escalations/pdf';
import { useTestDatabase } from '../helpers/database';
import { pdfText } from '../helpers/pdf';
import { seedWorld, type World } from '../helpers/world';
import { decidedTriageRound, edit, made, submittedReferral, when } from './escalation-fixtures';

let close: () => Promise<void>;
let world: World;
let referralId: string;
let mashId: string;
let schoolsOwn: string;
const NOW = new Date('2026-11-17T12:00:00Z');
/** Things the summary must never hold: assessment-like answers, other triage notes, decisions and notes, another young person. */
const FORBIDDEN = ['Smokes daily since age 12', 'NOTE-ON-A-NO-ANSWER', 'SECRET-DECISION', 'SECRET-NEXT-ACTION', 'SECRET-CHRONOLOGY-NOTE', 'Otherkid', 'Differentson', 'Level of need', 'RAG'];

beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	const s1 = world.services[0];
	const dsl = s1.schools[0].actors.dsl;
	const yw = s1.actors.youth_worker;
	referralId = await submittedReferral(
		dsl,
		{
			safety: { abuseDisclosure: 'yes', actionTaken: 'Phoned MASH at 09:00 and told the headteacher' },
			pupil: { legalForename: 'Zoë', legalSurname: 'Łukasiewicz', preferredName: 'Zo' },
			family: { contact1Name: 'Anna Łukasiewicz', contact1Relationship: 'Mother', contact1Phone: '01632 960002', contact1Responsibility: 'yes' }
		},
		new Date('2026-11-16T09:00:00Z')
	);
	await submittedReferral(dsl, { pupil: { legalForename: 'Otherkid', legalSurname: 'Differentson' } }, new Date('2026-11-16T09:00:00Z'));
	await decidedTriageRound(referralId, {
		lead: yw.userId,
		answers: {
			criminalExploitation: { answer: 'yes', note: 'Found out of area twice this term' },
			substanceDependence: { answer: 'no', note: 'Smokes daily since age 12' },
			mentalHealth: { answer: 'unknown', note: 'NOTE-ON-A-NO-ANSWER' }
		}
	});
	const result = await createEscalation(yw, referralId, made('mash', 'phone', '2026-11-17 10:00', { reference: 'MASH/2026/77', note: 'SECRET-CHRONOLOGY-NOTE' }), NOW);
	if (!result.ok) throw new Error('no escalation');
	mashId = result.id;
	await updateEscalation(yw, referralId, mashId, await edit(mashId, { decision: 'SECRET-DECISION', ...when('decision', '2026-11-17 11:00'), nextAction: 'SECRET-NEXT-ACTION' }), NOW);
	const own = await createEscalation(dsl, referralId, made('police', 'phone', '2026-11-17 09:30', { lawfulBasis: 'consent' }), NOW);
	if (!own.ok) throw new Error('no escalation');
	schoolsOwn = own.id;
});
afterAll(() => close());

describe('the escalation summary PDF', () => {
	it('holds what DOMAIN.md §3 step 4 lists, on one page', async () => {
		const pdf = await escalationSummaryPdf(world.services[0].actors.youth_worker, referralId, mashId, NOW);
		expect(pdf?.filename).toBe(`escalation-${mashId}.pdf`);
		const { text, pages, info } = await pdfText(pdf?.bytes ?? new Uint8Array());
		expect(pages).toHaveLength(1);
		expect(info.Title).toBe('Escalation summary: MASH (children’s social care front door)');
		for (const required of [
			'Zoë Łukasiewicz', // the child's name
			'Zo',
			'14 March 2012', // date of birth
			'1 Example Street, Testtown, TE1 1ST', // address
			'Test School 1.1', // school
			'Anna Łukasiewicz (Mother)', // parent or carer contact
			'01632 960002',
			'Has parental responsibility',
			'Science block', // the concern
			'Small bag of green plant material',
			'Disclosure of abuse or unexplained injuries', // indicators answered yes: the safety check…
			'Are there signs of criminal exploitation or county lines?', // …and triage, with its note
			'Found out of area twice this term',
			'At school: Phoned MASH at 09:00 and told the headteacher', // actions taken
			'MASH/2026/77',
			'Safeguarding without consent', // lawful basis
			'youth_worker 1', // the referrer's contact
			'youth_worker.1@test.example',
			'Test Service 1'
		]) {
			expect(text.replace(/\s+/g, ' ')).toContain(required);
		}
	});

	it('never holds assessment-like answers, other triage notes, decisions, notes or another young person', async () => {
		const pdf = await escalationSummaryPdf(world.services[0].actors.youth_worker, referralId, mashId, NOW);
		const { text } = await pdfText(pdf?.bytes ?? new Uint8Array());
		for (const forbidden of FORBIDDEN) expect(text).not.toContain(forbidden);
		expect(text).not.toContain('Is there daily or dependent use');
	});

	it('gives the school its own escalation, with the indicators from its own safety check only', async () => {
		const dsl = world.services[0].schools[0].actors.deputy_dsl;
		const pdf = await escalationSummaryPdf(dsl, referralId, schoolsOwn, NOW);
		const { text } = await pdfText(pdf?.bytes ?? new Uint8Array());
		const flat = text.replace(/\s+/g, ' ');
		expect(flat).toContain('Escalation summary: Police');
		expect(flat).toContain('Disclosure of abuse or unexplained injuries');
		expect(flat).toContain('Consent');
		expect(flat).toContain('Test School 1.1');
		expect(flat).not.toContain('criminal exploitation');
		expect(flat).not.toContain('Found out of area');
		for (const forbidden of FORBIDDEN) expect(text).not.toContain(forbidden);
	});

	it('is audited for every download', async () => {
		const rows = await db()
			.select()
			.from(t.auditEvent)
			.where(and(eq(t.auditEvent.action, 'escalation.pdf-downloaded'), eq(t.auditEvent.recordId, mashId)));
		expect(rows.map((r) => [r.actorUserId, r.schoolId, r.detail])).toEqual([
			[world.services[0].actors.youth_worker.userId, world.services[0].schools[0].id, JSON.stringify({ referralId })],
			[world.services[0].actors.youth_worker.userId, world.services[0].schools[0].id, JSON.stringify({ referralId })]
		]);
	});

	it('is not available for a youth worker’s escalation to the school, nor to another school, another service, an admin or a governor', async () => {
		const s1 = world.services[0];
		expect(await escalationSummaryPdf(s1.schools[0].actors.dsl, referralId, mashId, NOW)).toBeNull();
		expect(await escalationSummaryPdf(s1.schools[1].actors.dsl, referralId, schoolsOwn, NOW)).toBeNull();
		expect(await escalationSummaryPdf(world.services[1].actors.youth_worker, referralId, mashId, NOW)).toBeNull();
		expect(await escalationSummaryPdf(s1.actors.provider_admin, referralId, mashId, NOW)).toBeNull();
		expect(await escalationSummaryPdf(s1.schools[0].actors.governor, referralId, mashId, NOW)).toBeNull();
	});
});
