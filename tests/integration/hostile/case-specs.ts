import { and, eq } from 'drizzle-orm';
import { assessmentSchema } from '$lib/schemas/assessment';
import { escalationUpdateSchema, newEscalationSchema, withdrawEscalationSchema } from '$lib/schemas/escalation';
import { followUpFormSchema } from '$lib/schemas/follow-up';
import { onwardReferralSchema } from '$lib/schemas/onward-referral';
import { certificateIssueSchema, certificateRevokeSchema, outcomeSchema } from '$lib/schemas/outcome';
import { reviewDecisionSchema } from '$lib/schemas/support-session';
import { issueCertificate } from '$lib/server/certificates/issue';
import { db, t } from '$lib/server/db';
import { createEscalation } from '$lib/server/escalations/escalations';
import { escalationFormValues } from '$lib/server/escalations/form-values';
import { runFollowUps } from '$lib/server/follow-ups/job';
import { createOnwardReferral } from '$lib/server/onward-referrals/onward-referrals';
import { onwardFormValues } from '$lib/server/onward-referrals/view';
import { newId } from '$lib/server/util/ids';
import { actions as newEscalation } from '../../../src/routes/(app)/referrals/[id]/escalations/new/+page.server';
import { actions as editEscalation } from '../../../src/routes/(app)/referrals/[id]/escalations/[escalationId]/+page.server';
import { actions as withdrawEscalation } from '../../../src/routes/(app)/referrals/[id]/escalations/[escalationId]/withdraw/+page.server';
import { actions as newOnward } from '../../../src/routes/(app)/referrals/[id]/onward/new/+page.server';
import { actions as editOnward } from '../../../src/routes/(app)/referrals/[id]/onward/[onwardId]/+page.server';
import { actions as assessment } from '../../../src/routes/(app)/referrals/[id]/assessment/+page.server';
import { actions as outcome } from '../../../src/routes/(app)/referrals/[id]/outcome/+page.server';
import { actions as certificate } from '../../../src/routes/(app)/referrals/[id]/certificate/+page.server';
import { actions as revoke } from '../../../src/routes/(app)/referrals/[id]/certificate/revoke/+page.server';
import { actions as followUp } from '../../../src/routes/(app)/referrals/[id]/follow-up/[months]/+page.server';
import { actions as review } from '../../../src/routes/(app)/referrals/[id]/review/[reviewId]/+page.server';
import { acceptedCase, caseRow } from '../../helpers/case';
import { fieldsOf, type ActionSpec, type FormValues } from '../../helpers/hostile-run';
import type { HostileWorld } from '../../helpers/hostile-world';
import { made } from '../escalation-fixtures';
import { caseInProgramme, fullyAttendedCase, move } from '../outcome-fixtures';
import { caseWithOutcome, dslActor, latest, latestEvents, versionOf, ywActor } from './fixtures';

const strings = (values: Record<string, unknown>): FormValues => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v ?? '')]));
const textFieldsOf = (fields: Record<string, number | null>, min = 20) => Object.entries(fields).filter(([, max]) => max !== null && max >= min).map(([k]) => k);

/** The case-work forms: escalations, onward referrals, assessment, outcome, certificate, follow-up, review. */
export function caseSpecs(w: () => HostileWorld): ActionSpec[] {
	const once = <T>(make: () => Promise<T>) => {
		let value: Promise<T> | null = null;
		return () => (value ??= make());
	};
	const accepted = once(() => acceptedCase(dslActor(w()), ywActor(w())));
	const assessing = async () => {
		const id = await acceptedCase(dslActor(w()), ywActor(w()));
		await move(id, ywActor(w()), 'start-assessment');
		return id;
	};
	const assessed = once(assessing);
	const escalation = async (referralId: string) => {
		const result = await createEscalation(ywActor(w()), referralId, made('police', 'phone', '2026-11-02 11:00'));
		if (!result.ok) throw new Error('no escalation');
		return result.id;
	};
	const editedEscalation = once(async () => escalation(await accepted()));
	const onward = once(async () => {
		const referralId = await accepted();
		const result = await createOnwardReferral(ywActor(w()), referralId, onwardReferralSchema.parse({ version: 0, toService: 'CAMHS', referredDay: '2', referredMonth: '11', referredYear: '2026', accepted: 'yes', takenUp: 'not_known', note: '' }));
		if (!result.ok) throw new Error('no onward referral');
		return { referralId, onwardId: result.id };
	});
	const assessmentForm = { substances: 'Cannabis at weekends', goal1: 'Stay in lessons', riskSummary: 'Low', suitability: 'one_to_one', newRisks: 'no' };
	const assessmentSpec = (action: 'draft' | 'complete'): ActionSpec => ({
		route: '(app)/referrals/[id]/assessment',
		action,
		handler: assessment[action],
		as: () => w().yw,
		fields: fieldsOf(assessmentSchema),
		// A note about new risks is kept only when there are new risks: the draft says there are.
		text: textFieldsOf(fieldsOf(assessmentSchema)).filter((f) => action === 'draft' || f !== 'newRisksNote'),
		freshPerField: action === 'complete' ? 2 : undefined,
		target: async () => {
			const id = action === 'complete' ? await assessing() : await assessed();
			const [row] = await db().select().from(t.assessment).where(eq(t.assessment.referralId, id));
			return {
				path: `/referrals/${id}/assessment`,
				params: { id },
				form: { ...assessmentForm, ...(action === 'draft' ? { newRisks: 'yes', newRisksNote: 'Talked about selling' } : {}), version: String(row?.version ?? 0) },
				read: async () => [await db().select().from(t.assessment).where(eq(t.assessment.referralId, id)), await db().select().from(t.goal).where(eq(t.goal.referralId, id)), await latestEvents(id, 3)]
			};
		}
	});
	const completed = async () => {
		const id = await caseWithOutcome(w());
		return id;
	};
	const dueFollowUp = async () => {
		const id = await caseWithOutcome(w());
		await runFollowUps(db(), new Date('2026-03-31T12:00:00Z'));
		const [row] = await db().select().from(t.followUp).where(and(eq(t.followUp.referralId, id), eq(t.followUp.months, 6)));
		await runFollowUps(db(), new Date((row?.dueAt?.getTime() ?? 0) + 60_000));
		return id;
	};
	return [
		{
			route: '(app)/referrals/[id]/escalations/new',
			action: 'default',
			handler: newEscalation.default,
			as: () => w().yw,
			fields: fieldsOf(newEscalationSchema),
			text: ['reference', 'note'],
			target: async () => {
				const id = await accepted();
				return {
					path: `/referrals/${id}/escalations/new`,
					params: { id },
					form: { agency: 'mash', made: 'yes', method: 'phone', sentDay: '2', sentMonth: '11', sentYear: '2026', sentTime: '10:30', reference: 'M-1', lawfulBasis: 'consent', note: '' },
					read: async () => [await latest(t.escalation, eq(t.escalation.referralId, id)), await latestEvents(id)]
				};
			}
		},
		{
			route: '(app)/referrals/[id]/escalations/[escalationId]',
			action: 'default',
			handler: editEscalation.default,
			as: () => w().yw,
			fields: fieldsOf(escalationUpdateSchema),
			text: ['reference', 'decision', 'outcome', 'nextAction', 'note'],
			target: async () => {
				const id = await accepted();
				const escalationId = await editedEscalation();
				const [row] = await db().select().from(t.escalation).where(eq(t.escalation.id, escalationId));
				if (!row) throw new Error('no escalation');
				return {
					path: `/referrals/${id}/escalations/${escalationId}`,
					params: { id, escalationId },
					// With a decision recorded, so the decision's text is accepted on its own.
					form: { ...strings(escalationFormValues(row)), decision: 'Strategy meeting held', decisionDay: '3', decisionMonth: '11', decisionYear: '2026', decisionTime: '09:00' },
					read: async () => [await db().select().from(t.escalation).where(eq(t.escalation.id, escalationId)), await latestEvents(id)]
				};
			}
		},
		{
			route: '(app)/referrals/[id]/escalations/[escalationId]/withdraw',
			action: 'default',
			handler: withdrawEscalation.default,
			as: () => w().yw,
			fields: fieldsOf(withdrawEscalationSchema),
			text: ['reason'],
			target: async () => {
				const id = await accepted();
				const escalationId = await escalation(id);
				return {
					path: `/referrals/${id}/escalations/${escalationId}/withdraw`,
					params: { id, escalationId },
					form: { reason: 'Sent to the wrong team', version: '1' },
					read: async () => [await db().select().from(t.escalation).where(eq(t.escalation.id, escalationId)), await latestEvents(id)]
				};
			}
		},
		{
			route: '(app)/referrals/[id]/onward/new',
			action: 'default',
			handler: newOnward.default,
			as: () => w().yw,
			fields: fieldsOf(onwardReferralSchema),
			text: ['toService', 'note'],
			target: async () => {
				const id = await accepted();
				return {
					path: `/referrals/${id}/onward/new`,
					params: { id },
					form: { version: '0', toService: 'CAMHS', referredDay: '2', referredMonth: '11', referredYear: '2026', accepted: 'yes', takenUp: 'not_known', note: '' },
					read: () => latest(t.onwardReferral, eq(t.onwardReferral.referralId, id))
				};
			}
		},
		{
			route: '(app)/referrals/[id]/onward/[onwardId]',
			action: 'default',
			handler: editOnward.default,
			as: () => w().yw,
			fields: fieldsOf(onwardReferralSchema),
			text: ['toService', 'note'],
			target: async () => {
				const { referralId: id, onwardId } = await onward();
				const [row] = await db().select().from(t.onwardReferral).where(eq(t.onwardReferral.id, onwardId));
				if (!row) throw new Error('no onward referral');
				return {
					path: `/referrals/${id}/onward/${onwardId}`,
					params: { id, onwardId },
					form: strings(onwardFormValues(row)),
					read: () => db().select().from(t.onwardReferral).where(eq(t.onwardReferral.id, onwardId))
				};
			}
		},
		assessmentSpec('draft'),
		assessmentSpec('complete'),
		{
			route: '(app)/referrals/[id]/outcome',
			action: 'default',
			handler: outcome.default,
			as: () => w().yw,
			fields: fieldsOf(outcomeSchema),
			text: ['overrideReason'],
			freshPerField: 2,
			target: async () => {
				const id = await fullyAttendedCase(dslActor(w()), ywActor(w()));
				return {
					path: `/referrals/${id}/outcome`,
					params: { id },
					// Did not engage against a completed programme: the override reason is asked for and kept.
					form: { outcome: 'did_not_engage', overrideReason: 'Stopped coming after the fourth module', outcomeOnDay: '20', outcomeOnMonth: '11', outcomeOnYear: '2026', goal_1: 'partly', fromReview: '', version: await versionOf(id) },
					read: async () => [await db().select().from(t.caseOutcome).where(eq(t.caseOutcome.referralId, id)), await latestEvents(id, 3)]
				};
			}
		},
		{
			route: '(app)/referrals/[id]/certificate',
			action: 'default',
			handler: certificate.default,
			as: () => w().yw,
			fields: fieldsOf(certificateIssueSchema),
			text: ['name'],
			freshPerField: 12,
			// A name the certificate's font cannot print is refused at the field, and a printable one is kept
			// as printed: NFC, on one line with single spaces (certificates/issue.ts).
			refuses: () => true,
			stores: (name) => name.normalize('NFC').replace(/\s+/gu, ' '),
			target: async () => {
				const id = await completed();
				return { path: `/referrals/${id}/certificate`, params: { id }, form: { name: 'Testy' }, read: () => db().select().from(t.certificate).where(eq(t.certificate.referralId, id)) };
			}
		},
		{
			route: '(app)/referrals/[id]/certificate/revoke',
			action: 'default',
			handler: revoke.default,
			as: () => w().yw,
			fields: fieldsOf(certificateRevokeSchema),
			text: ['reason'],
			freshPerField: 12,
			target: async () => {
				const id = await completed();
				const issued = await issueCertificate(ywActor(w()), id, 'Testy');
				if (!issued.ok) throw new Error('not issued');
				return { path: `/referrals/${id}/certificate/revoke`, params: { id }, form: { reason: 'Issued in error' }, read: async () => [await db().select().from(t.certificate).where(eq(t.certificate.referralId, id)), await latestEvents(id)] };
			}
		},
		{
			route: '(app)/referrals/[id]/follow-up/[months]',
			action: 'default',
			handler: followUp.default,
			as: () => w().dsl,
			fields: fieldsOf(followUpFormSchema),
			text: ['note'],
			freshPerField: 3,
			target: async () => {
				const id = await dueFollowUp();
				const [row] = await db().select().from(t.followUp).where(and(eq(t.followUp.referralId, id), eq(t.followUp.months, 6)));
				return {
					path: `/referrals/${id}/follow-up/6`,
					params: { id, months: '6' },
					form: { version: String(row?.version ?? 1), furtherDrugIncident: 'no', suspension: 'no', suspensionDrugRelated: '', exclusion: 'no', exclusionDrugRelated: '', policeContact: 'no', onwardTakeUp: 'yes', note: 'Settled', providerPoliceContact: '', providerPoliceNote: '' },
					read: async () => [await db().select().from(t.followUp).where(eq(t.followUp.referralId, id)), await latestEvents(id, 3)]
				};
			}
		},
		{
			route: '(app)/referrals/[id]/review/[reviewId]',
			action: 'default',
			handler: review.default,
			as: () => w().yw,
			fields: fieldsOf(reviewDecisionSchema),
			text: ['note'],
			freshPerField: 6,
			target: async () => {
				const id = await caseInProgramme(dslActor(w()), ywActor(w()));
				const row = await caseRow(id);
				const reviewId = newId();
				await db().insert(t.caseReview).values({ id: reviewId, referralId: id, serviceId: row.serviceId, schoolId: row.schoolId, reason: 'absences', raisedAt: new Date() });
				return { path: `/referrals/${id}/review/${reviewId}`, params: { id, reviewId }, form: { decision: 'continue', note: 'Transport sorted' }, read: () => db().select().from(t.caseReview).where(eq(t.caseReview.id, reviewId)) };
			}
		}
	];
}
