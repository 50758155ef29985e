import { eq } from 'drizzle-orm';
import { escalationUpdateSchema, newEscalationSchema } from '$lib/schemas/escalation';
import type { TriageDecisionInput } from '$lib/schemas/triage';
import type { EscalationAgency } from '$lib/escalation-agencies';
import { INDICATOR_KEYS, INDICATOR_PARENTS, type IndicatorKey, type TriageDecision } from '$lib/triage-indicators';
import { triageRules } from '$lib/triage-rules';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { createEscalation, updateEscalation, withdrawEscalation } from '../escalations/escalations';
import { escalationFormValues } from '../escalations/form-values';
import { whenFields } from '../escalations/record';
import { factsOf } from '../triage/case';
import { decideTriage } from '../triage/triage';
import { actorOf, createDemoReferral, demoPupil, type DemoReferral } from './referrals';
import type { DemoWorld } from './seed';

/**
 * Triaged demo cases (issue 4): escalations in each of their states, some overdue, and decisions
 * awaiting countersignature, so a youth worker's due list, the countersign list and a DSL's case
 * page all show something real. Made through the same domain functions the pages call, with the
 * clock set back, so every timer, chronology entry and audit row is what the app itself would write.
 */

type Step = 'send' | 'acknowledge' | 'decide' | 'close' | 'withdraw';

interface DemoEscalation {
	agency: EscalationAgency;
	method: 'phone' | 'secure_email' | 'online_portal' | 'in_person';
	/** Hours after the triage decision that it was made; omitted for one not made yet. */
	sentAfterHours?: number;
	/** What happened next, each a number of hours after it was made. */
	steps?: { step: Step; afterHours: number }[];
	/** For a MASH phone referral: hours after the call that the written referral went. */
	writtenAfterHours?: number;
}

interface DemoTriagedCase {
	referral: Omit<DemoReferral, 'state'>;
	/** How long ago the school submitted it. */
	submittedHoursAgo: number;
	/** The triage decision, this many hours after submission. */
	decidedAfterHours: number;
	yes: IndicatorKey[];
	levelOfNeed: 1 | 2 | 3 | 4;
	rag: 'red' | 'amber' | 'green';
	decision: TriageDecision;
	holdReason?: string;
	notSuitable?: { reason: string; redirectedTo: string };
	/** Required escalations declined, with the written rationale (countersigned later). */
	declined?: Partial<Record<EscalationAgency, string>>;
	escalations: DemoEscalation[];
}

const HOUR = 3_600_000;

const CASES: DemoTriagedCase[] = [
	{
		// A MASH phone referral with neither the written referral nor the decision: both overdue.
		referral: { school: 'oakfield', dsl: 'dsl.oakfield@example.org', yearGroup: '10', dob: [19, 4, 2011], redFlag: true },
		submittedHoursAgo: 96,
		decidedAfterHours: 2,
		yes: ['abuseDisclosure'],
		levelOfNeed: 3,
		rag: 'red',
		decision: 'accept-with-escalation',
		escalations: [{ agency: 'mash', method: 'phone', sentAfterHours: 1 }]
	},
	{
		// On hold: the MASH has decided, the police have only acknowledged.
		referral: { school: 'riverside', dsl: 'dsl.riverside@example.org', yearGroup: 'none', dob: [8, 2, 2009] },
		submittedHoursAgo: 30,
		decidedAfterHours: 3,
		yes: ['weaponOrViolence'],
		levelOfNeed: 3,
		rag: 'red',
		decision: 'hold',
		holdReason: 'Waiting for the police and the MASH before the programme starts (demo).',
		escalations: [
			{ agency: 'police', method: 'phone', sentAfterHours: 1, steps: [{ step: 'acknowledge', afterHours: 2 }] },
			{ agency: 'mash', method: 'online_portal', sentAfterHours: 1, steps: [{ step: 'acknowledge', afterHours: 3 }, { step: 'decide', afterHours: 20 }] }
		]
	},
	{
		// Accepted: CAMHS saw the young person and closed; a GP letter was withdrawn; Early Help is still to be made.
		referral: { school: 'oakfield', dsl: 'deputy.oakfield@example.org', yearGroup: '11', dob: [27, 10, 2010] },
		submittedHoursAgo: 200,
		decidedAfterHours: 5,
		yes: ['mentalHealth'],
		levelOfNeed: 2,
		rag: 'amber',
		decision: 'accept-with-escalation',
		escalations: [
			{
				agency: 'camhs',
				method: 'phone',
				sentAfterHours: 1,
				steps: [
					{ step: 'acknowledge', afterHours: 1 },
					{ step: 'decide', afterHours: 26 },
					{ step: 'close', afterHours: 100 }
				]
			},
			{ agency: 'gp', method: 'secure_email', sentAfterHours: 2, steps: [{ step: 'withdraw', afterHours: 4 }] },
			{ agency: 'early-help', method: 'online_portal' }
		]
	},
	{
		// Supply: not suitable, redirected, awaiting countersignature; the police and MASH told.
		referral: { school: 'castlegate', dsl: 'dsl.castlegate@example.org', yearGroup: '10', dob: [3, 7, 2011], quantity: 'Twelve small bags, scales and a second phone' },
		submittedHoursAgo: 20,
		decidedAfterHours: 1,
		yes: ['supplySigns'],
		levelOfNeed: 3,
		rag: 'red',
		decision: 'not-suitable',
		notSuitable: { reason: 'Signs of supply, not simple possession (demo).', redirectedTo: 'Police and the youth justice service (demo)' },
		escalations: [
			{ agency: 'police', method: 'phone', sentAfterHours: 0.5 },
			{ agency: 'mash', method: 'phone', sentAfterHours: 0.5, writtenAfterHours: 3 }
		]
	},
	{
		// A declined required escalation, with its rationale, now overdue for countersignature.
		referral: { school: 'riverside', dsl: 'dsl.riverside@example.org', yearGroup: 'none', dob: [12, 12, 2008] },
		submittedHoursAgo: 120,
		decidedAfterHours: 4,
		yes: ['substanceDependence'],
		levelOfNeed: 2,
		rag: 'amber',
		decision: 'accept-with-escalation',
		declined: { 'substance-service': 'Already under the substance service since September; the worker knows of this incident (demo).' },
		escalations: [{ agency: 'gp', method: 'secure_email', sentAfterHours: 2, steps: [{ step: 'acknowledge', afterHours: 24 }] }]
	}
];

/** The given indicators yes, every other one asked no (a follow-up is asked only when its parent is yes). */
export function answersFor(yes: IndicatorKey[]) {
	const answer = (k: IndicatorKey) => {
		if (yes.includes(k)) return 'yes';
		const parent = INDICATOR_PARENTS[k];
		return parent && !yes.includes(parent) ? '' : 'no';
	};
	return Object.fromEntries(INDICATOR_KEYS.map((k) => [k, { answer: answer(k), note: yes.includes(k) ? 'Recorded at triage (demo).' : '' }]));
}

export async function caseRow(id: string) {
	const [row] = await db().select().from(t.referral).where(eq(t.referral.id, id));
	if (!row) throw new Error('demo case missing');
	return row;
}

async function decide(youthWorker: Actor, id: string, entry: DemoTriagedCase, at: Date): Promise<void> {
	const answers = answersFor(entry.yes);
	const rules = triageRules(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.answer])), factsOf(await caseRow(id)));
	const escalations = Object.fromEntries(
		rules.required.map((agency) => {
			const rationale = entry.declined?.[agency];
			return [agency, rationale ? { choice: 'decline' as const, rationale } : { choice: 'escalate' as const, rationale: '' }];
		})
	);
	const input: TriageDecisionInput = {
		answers,
		levelOfNeed: entry.levelOfNeed,
		rag: entry.rag,
		leadYouthWorkerId: youthWorker.userId,
		decision: entry.decision,
		holdReason: entry.holdReason ?? '',
		notSuitableReason: entry.notSuitable?.reason ?? '',
		redirectedTo: entry.notSuitable?.redirectedTo ?? '',
		escalations
	};
	const result = await decideTriage(youthWorker, id, input, 0, at);
	if (!result.ok) throw new Error(`demo triage refused: ${JSON.stringify(result)}`);
}

async function escalate(youthWorker: Actor, id: string, e: DemoEscalation, decidedAt: Date): Promise<void> {
	const made = e.sentAfterHours !== undefined;
	const sentAt = new Date(decidedAt.getTime() + (e.sentAfterHours ?? 0) * HOUR);
	const created = await createEscalation(
		youthWorker,
		id,
		newEscalationSchema.parse({ agency: e.agency, made: made ? 'yes' : 'no', method: made ? e.method : '', ...whenFields('sent', made ? sentAt : null), lawfulBasis: made ? 'safeguarding' : '', reference: made ? `DEMO-${e.agency.toUpperCase()}-${id.slice(0, 4)}` : '' }),
		made ? sentAt : decidedAt
	);
	if (!created.ok) throw new Error(`demo escalation refused: ${JSON.stringify(created)}`);
	const later = (hours: number) => new Date(sentAt.getTime() + hours * HOUR);
	const update = async (changes: Record<string, unknown>, at: Date) => {
		const [row] = await db().select().from(t.escalation).where(eq(t.escalation.id, created.id));
		if (!row) throw new Error('demo escalation missing');
		const result = await updateEscalation(youthWorker, id, created.id, escalationUpdateSchema.parse({ ...escalationFormValues(row), ...changes }), at);
		if (!result.ok) throw new Error(`demo escalation update refused: ${JSON.stringify(result)}`);
	};
	if (e.writtenAfterHours !== undefined) await update(whenFields('written', later(e.writtenAfterHours)), later(e.writtenAfterHours));
	for (const { step, afterHours } of e.steps ?? []) {
		const at = later(afterHours);
		if (step === 'acknowledge') await update(whenFields('acknowledged', at), at);
		if (step === 'decide') await update({ decision: 'No further action by children’s social care; the programme can go ahead (demo).', ...whenFields('decision', at) }, at);
		if (step === 'close') await update({ outcome: 'Seen by the CAMHS duty worker; a routine appointment follows (demo).', close: 'yes' }, at);
		if (step === 'withdraw') {
			const [row] = await db().select({ version: t.escalation.version }).from(t.escalation).where(eq(t.escalation.id, created.id));
			const result = await withdrawEscalation(youthWorker, id, created.id, 'Sent to the wrong practice; the family are registering with a new GP (demo).', row?.version ?? 0, at);
			if (!result.ok) throw new Error(`demo escalation withdrawal refused: ${JSON.stringify(result)}`);
		}
	}
}

/** Seeds the triaged cases; returns how many. */
export async function seedDemoTriagedCases(world: DemoWorld, now = new Date()): Promise<number> {
	const serviceId = world.services.north;
	const youthWorker = actorOf(world, 'youthworker@example.org', 'youth_worker', serviceId, '');
	const schoolless: Actor = { ...youthWorker, schoolId: null };
	for (const entry of CASES) {
		const submittedAt = new Date(now.getTime() - entry.submittedHoursAgo * HOUR);
		const id = await createDemoReferral(world, { ...entry.referral, state: 'submitted' }, demoPupil(), submittedAt);
		const decidedAt = new Date(submittedAt.getTime() + entry.decidedAfterHours * HOUR);
		await decide(schoolless, id, entry, decidedAt);
		for (const e of entry.escalations) await escalate(schoolless, id, e, decidedAt);
	}
	return CASES.length;
}
