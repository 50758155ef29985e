import { and, eq } from 'drizzle-orm';
import { reasonSchema, submitSchema } from '$lib/schemas/referral/actions';
import { SECTIONS } from '$lib/schemas/referral/sections';
import { REASON_MAX, schoolDecisionSchema, triageSchema, answersToForm } from '$lib/schemas/triage';
import { db, t } from '$lib/server/db';
import { startReferral } from '$lib/server/referrals/drafts';
import { withdrawReferral } from '$lib/server/referrals/withdraw';
import { decideTriage } from '$lib/server/triage/triage';
import { INDICATOR_KEYS, isFollowUp } from '$lib/triage-indicators';
import { actions as newReferral } from '../../../src/routes/(app)/referrals/new/+page.server';
import { actions as consentSection } from '../../../src/routes/(app)/referrals/[id]/section/consent/+page.server';
import { actions as decisionSection } from '../../../src/routes/(app)/referrals/[id]/section/decision/+page.server';
import { actions as familySection } from '../../../src/routes/(app)/referrals/[id]/section/family/+page.server';
import { actions as incidentSection } from '../../../src/routes/(app)/referrals/[id]/section/incident/+page.server';
import { actions as pupilSection } from '../../../src/routes/(app)/referrals/[id]/section/pupil/+page.server';
import { actions as safetySection } from '../../../src/routes/(app)/referrals/[id]/section/safety/+page.server';
import { actions as check } from '../../../src/routes/(app)/referrals/[id]/check/+page.server';
import { actions as discard } from '../../../src/routes/(app)/referrals/[id]/discard/+page.server';
import { actions as withdraw } from '../../../src/routes/(app)/referrals/[id]/withdraw/+page.server';
import { actions as consent } from '../../../src/routes/(app)/referrals/[id]/consents/[kind]/withdraw/+page.server';
import { actions as casePage } from '../../../src/routes/(app)/referrals/[id]/+page.server';
import { actions as triage } from '../../../src/routes/(app)/referrals/[id]/triage/+page.server';
import { actions as liftHold } from '../../../src/routes/(app)/referrals/[id]/triage/lift-hold/+page.server';
import { actions as countersign } from '../../../src/routes/(app)/countersign/+page.server';
import { actions as schoolDecision } from '../../../src/routes/(app)/referrals/[id]/school-decision/+page.server';
import { caseRow, submittedCase } from '../../helpers/case';
import { fieldsOf, type ActionSpec, type FormValues } from '../../helpers/hostile-run';
import type { HostileWorld } from '../../helpers/hostile-world';
import { completeDraft, validAnswers } from '../../helpers/referral';
import { dslActor, latest, latestEvents, versionOf, ywActor } from './fixtures';

/** Each section of the referral form is a route of its own. */
const SECTION_ACTIONS = { safety: safetySection, pupil: pupilSection, family: familySection, incident: incidentSection, decision: decisionSection, consent: consentSection };

const formOf = (values: Record<string, unknown>): FormValues =>
	Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v ?? '')]));
const stringFields = (fields: Record<string, number | null>) => Object.entries(fields).filter(([, max]) => max !== null).map(([k]) => k);

/** The referral and triage forms: the DSL's sections and decisions, and the youth worker's triage. */
export function referralSpecs(w: () => HostileWorld): ActionSpec[] {
	let draftId: Promise<string> | null = null;
	const draft = () => (draftId ??= startReferral(dslActor(w())));
	let triagedId: Promise<string> | null = null;
	const triaged = () => (triagedId ??= submittedCase(dslActor(w())));
	const submitted = () => submittedCase(dslActor(w()));
	const noConcernsForm = () => formOf({ ...answersToForm(Object.fromEntries(INDICATOR_KEYS.map((k) => [k, { answer: isFollowUp(k) ? '' : 'no', note: '' }]))) });
	const triageForm = async (id: string) => ({ ...noConcernsForm(), levelOfNeed: '1', rag: 'green', leadYouthWorkerId: ywActor(w()).userId, decision: 'accept', version: String((await db().select().from(t.triage).where(eq(t.triage.referralId, id)))[0]?.version ?? 0) });
	const held = async () => {
		const id = await submitted();
		const answers = Object.fromEntries(INDICATOR_KEYS.map((k) => [k, { answer: k === 'abuseDisclosure' ? 'yes' : isFollowUp(k) ? '' : 'no', note: '' }])) as Parameters<typeof decideTriage>[2]['answers'];
		const result = await decideTriage(ywActor(w()), id, { answers, levelOfNeed: 3, rag: 'red', leadYouthWorkerId: ywActor(w()).userId, decision: 'hold', holdReason: 'Waiting for the MASH', notSuitableReason: '', redirectedTo: '', escalations: { mash: { choice: 'escalate', rationale: '' } } }, 0);
		if (!result.ok) throw new Error('not held');
		return id;
	};
	const declinedMash = async () => {
		const id = await submitted();
		const answers = Object.fromEntries(INDICATOR_KEYS.map((k) => [k, { answer: k === 'homeConcerns' ? 'yes' : isFollowUp(k) ? '' : 'no', note: '' }])) as Parameters<typeof decideTriage>[2]['answers'];
		const result = await decideTriage(ywActor(w()), id, { answers, levelOfNeed: 2, rag: 'amber', leadYouthWorkerId: ywActor(w()).userId, decision: 'accept', holdReason: '', notSuitableReason: '', redirectedTo: '', escalations: { mash: { choice: 'decline', rationale: 'Already known to social care' } } }, 0);
		if (!result.ok) throw new Error('not decided');
		const [row] = await db().select().from(t.countersign).where(eq(t.countersign.referralId, id));
		if (!row) throw new Error('no countersign');
		return row.id;
	};
	let fallbackId: Promise<string> | null = null;
	const fallback = () =>
		(fallbackId ??= (async () => {
			const id = await submitted();
			const result = await withdrawReferral(dslActor(w()), id, 'Family moved away', (await caseRow(id)).version);
			if (!result.ok) throw new Error('not withdrawn');
			return id;
		})());
	const sectionSpecs = (['save', 'autosave'] as const).flatMap((action) =>
		SECTIONS.map(
			(s): ActionSpec => ({
				route: `(app)/referrals/[id]/section/${s.key}`,
				action,
				handler: SECTION_ACTIONS[s.key][action],
				as: () => w().dsl,
				fields: { ...fieldsOf(s.schema), _version: null },
				// Sections keep what was typed even when it is not valid yet (the draft is saved as typed).
				text: stringFields(fieldsOf(s.schema)),
				keepsDrafts: true,
				target: async () => {
					const id = await draft();
					const [saved] = await db().select().from(t.referralSection).where(and(eq(t.referralSection.referralId, id), eq(t.referralSection.section, s.key)));
					return {
						path: `/referrals/${id}/section/${s.key}`,
						params: { id },
						form: { ...formOf(validAnswers()[s.key]), _version: String(saved?.version ?? 0) },
						read: () => db().select().from(t.referralSection).where(and(eq(t.referralSection.referralId, id), eq(t.referralSection.section, s.key)))
					};
				}
			})
		)
	);
	return [
		{
			route: '(app)/referrals/new',
			action: 'default',
			handler: newReferral.default,
			as: () => w().dsl,
			fields: {},
			target: async () => ({ path: '/referrals/new', params: {}, form: {} })
		},
		...sectionSpecs,
		{
			route: '(app)/referrals/[id]/check',
			action: 'default',
			handler: check.default,
			as: () => w().dsl,
			fields: fieldsOf(submitSchema),
			target: async () => {
				const id = await completeDraft(dslActor(w()));
				return { path: `/referrals/${id}/check`, params: { id }, form: { version: await versionOf(id) } };
			}
		},
		{
			route: '(app)/referrals/[id]/discard',
			action: 'default',
			handler: discard.default,
			as: () => w().dsl,
			fields: {},
			target: async () => {
				const id = await startReferral(dslActor(w()));
				return { path: `/referrals/${id}/discard`, params: { id }, form: {} };
			}
		},
		{
			route: '(app)/referrals/[id]/withdraw',
			action: 'default',
			handler: withdraw.default,
			as: () => w().dsl,
			fields: fieldsOf(reasonSchema),
			text: ['reason'],
			freshPerField: 20,
			target: async () => {
				const id = await submitted();
				return { path: `/referrals/${id}/withdraw`, params: { id }, form: { reason: 'Family moved away', version: await versionOf(id) }, read: () => latestEvents(id) };
			}
		},
		{
			route: '(app)/referrals/[id]/consents/[kind]/withdraw',
			action: 'default',
			handler: consent.default,
			as: () => w().dsl,
			fields: fieldsOf(reasonSchema),
			text: ['reason'],
			freshPerField: 20,
			target: async () => {
				const id = await submitted();
				const [row] = await db().select().from(t.consent).where(and(eq(t.consent.referralId, id), eq(t.consent.kind, 'share_progress')));
				return {
					path: `/referrals/${id}/consents/share_progress/withdraw`,
					params: { id, kind: 'share_progress' },
					form: { reason: 'Parent asked us to stop sharing', version: String(row?.version ?? 0) },
					read: async () => [await db().select().from(t.consent).where(eq(t.consent.referralId, id)), await latestEvents(id)]
				};
			}
		},
		{
			route: '(app)/referrals/[id]',
			action: 'match',
			handler: casePage.match,
			as: () => w().yw,
			fields: { decision: null, proposal: 40 },
			target: async () => {
				const id = await triaged();
				return { path: `/referrals/${id}`, params: { id }, form: { decision: 'confirm', proposal: 'no-such-proposal' } };
			}
		},
		...(['save', 'decide'] as const).map(
			(action): ActionSpec => ({
				route: '(app)/referrals/[id]/triage',
				action,
				handler: triage[action],
				as: () => w().yw,
				fields: fieldsOf(triageSchema),
				text: action === 'save' ? Object.keys(fieldsOf(triageSchema)).filter((k) => k.endsWith('Note')) : [],
				freshPerField: action === 'decide' ? 1 : undefined,
				target: async () => {
					const id = action === 'decide' ? await submitted() : await triaged();
					return { path: `/referrals/${id}/triage`, params: { id }, form: await triageForm(id), read: () => db().select().from(t.triage).where(eq(t.triage.referralId, id)) };
				}
			})
		),
		{
			route: '(app)/referrals/[id]/triage/lift-hold',
			action: 'default',
			handler: liftHold.default,
			as: () => w().yw,
			fields: fieldsOf(reasonSchema),
			text: ['reason'],
			freshPerField: 12,
			target: async () => {
				const id = await held();
				return { path: `/referrals/${id}/triage/lift-hold`, params: { id }, form: { reason: 'MASH closed it', version: await versionOf(id) }, read: () => latestEvents(id, 3) };
			}
		},
		{
			route: '(app)/countersign',
			action: 'default',
			handler: countersign.default,
			as: () => w().senior,
			fields: { id: 40, comment: REASON_MAX },
			text: ['comment'],
			freshPerField: 12,
			target: async () => {
				const id = await declinedMash();
				return { path: '/countersign', params: {}, form: { id, comment: 'Agreed' }, read: () => db().select().from(t.countersign).where(eq(t.countersign.id, id)) };
			}
		},
		{
			route: '(app)/referrals/[id]/school-decision',
			action: 'default',
			handler: schoolDecision.default,
			as: () => w().dsl,
			fields: fieldsOf(schoolDecisionSchema),
			text: ['note'],
			target: async () => {
				const id = await fallback();
				return { path: `/referrals/${id}/school-decision`, params: { id }, form: { decision: 'no_further_sanction', days: '', note: '', version: await versionOf(id) }, read: async () => [await latest(t.referral, eq(t.referral.id, id)), await latestEvents(id, 3)] };
			}
		}
	];
}
