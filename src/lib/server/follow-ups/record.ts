import { and, eq, isNull, ne } from 'drizzle-orm';
import type { FollowUpFormInput } from '$lib/schemas/follow-up';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable, type Tx } from '../db';
import { recordCaseEvent } from '../referrals/events';
import { referralScope } from '../referrals/scope';
import { settleCase } from './settle';

export type FollowUpRow = typeof t.followUp.$inferSelect;

/**
 * What the follow-up page offers: the school's form while it is open (a youth worker's form adds
 * police contact the provider was told of); once recorded or not returned, youth workers can still add
 * police contact they hear of, and the school reads its answers.
 */
export type FollowUpMode = 'school' | 'service' | 'provider-police' | 'read-only' | 'not-due';

export const FOLLOW_UP_STALE = 'Someone else saved this follow-up while you were answering. Their answers are shown: check them and save again if needed';

export function isOpen(row: Pick<FollowUpRow, 'recordedAt' | 'notReturnedAt'>): boolean {
	return row.recordedAt === null && row.notReturnedAt === null;
}

export function modeFor(actor: Actor, row: FollowUpRow): FollowUpMode {
	const school = actor.role === 'dsl' || actor.role === 'deputy_dsl';
	if (row.promptedAt === null) return 'not-due';
	if (isOpen(row)) return school ? 'school' : 'service';
	return actor.role === 'youth_worker' ? 'provider-police' : 'read-only';
}

/** The follow-up, when the actor may record it: the school's own pupil, or a case of the youth worker's service. */
export async function followUpFor(q: Queryable, actor: Actor, referralId: string, months: number) {
	if (!['dsl', 'deputy_dsl', 'youth_worker'].includes(actor.role)) return null;
	const [found] = await q
		.select({ followUp: t.followUp, displayName: t.referral.displayName })
		.from(t.followUp)
		.innerJoin(t.referral, eq(t.referral.id, t.followUp.referralId))
		.where(and(eq(t.followUp.referralId, referralId), eq(t.followUp.months, months), referralScope(actor), ne(t.referral.state, 'draft')));
	return found ?? null;
}

export type RecordResult = { ok: true; mode: FollowUpMode } | { ok: false; problem: 'not-found' | 'not-open' | 'stale' };

class StaleCase extends Error {}

const stillOpen = and(isNull(t.followUp.recordedAt), isNull(t.followUp.notReturnedAt));
const dropUnlessYes = (parent: string, answer: string) => (parent === 'yes' && answer ? answer : null);

async function chronicle(tx: Tx, actor: Actor, row: FollowUpRow, kind: 'recorded' | 'provider_police', now: Date) {
	const referral = { id: row.referralId, serviceId: row.serviceId, schoolId: row.schoolId };
	// Police contact the provider was told of stays with the service (DOMAIN.md §2: confidentiality).
	await recordCaseEvent(tx, actor, referral, { kind: 'follow-up', section: String(row.months), toState: kind, schoolVisible: kind === 'recorded' }, now);
	await recordAudit(tx, actor, { action: `follow-up.${kind.replace('_', '-')}`, recordType: 'follow_up', recordId: row.id, serviceId: row.serviceId, schoolId: row.schoolId, detail: { months: row.months } });
}

/**
 * Records an open follow-up (DOMAIN.md §3 step 10). "Was it drug-related?" is kept only after a yes.
 * Recording the last open follow-up closes the case; otherwise the case waits for the next one.
 */
export async function recordFollowUp(actor: Actor, referralId: string, months: number, input: FollowUpFormInput, now = new Date()): Promise<RecordResult> {
	try {
		return await db().transaction(async (tx): Promise<RecordResult> => {
			const found = await followUpFor(tx, actor, referralId, months);
			if (!found) return { ok: false, problem: 'not-found' };
			const mode = modeFor(actor, found.followUp);
			if (mode !== 'school' && mode !== 'service') return { ok: false, problem: 'not-open' };
			const provider = mode === 'service' ? { providerPoliceContact: input.providerPoliceContact || null, providerPoliceNote: input.providerPoliceNote || null } : {};
			const saved = await tx
				.update(t.followUp)
				.set({
					furtherDrugIncident: input.furtherDrugIncident,
					suspension: input.suspension,
					suspensionDrugRelated: dropUnlessYes(input.suspension, input.suspensionDrugRelated),
					exclusion: input.exclusion,
					exclusionDrugRelated: dropUnlessYes(input.exclusion, input.exclusionDrugRelated),
					policeContact: input.policeContact,
					onwardTakeUp: input.onwardTakeUp,
					note: input.note || null,
					...provider,
					recordedAt: now,
					recordedBy: actor.userId,
					recordedByRole: actor.role,
					version: input.version + 1
				})
				.where(and(eq(t.followUp.id, found.followUp.id), eq(t.followUp.version, input.version), stillOpen))
				.returning({ id: t.followUp.id });
			if (saved.length === 0) return { ok: false, problem: 'stale' };
			await chronicle(tx, actor, found.followUp, 'recorded', now);
			const settled = await settleCase(tx, actor, referralId, 'record-follow-up', now);
			if (settled && !settled.ok) throw new StaleCase();
			return { ok: true, mode };
		});
	} catch (e) {
		if (e instanceof StaleCase) return { ok: false, problem: 'stale' };
		throw e;
	}
}

/** A youth worker adds police contact the provider was told of, after the follow-up was recorded or not returned. */
export async function addProviderPolice(actor: Actor, referralId: string, months: number, input: FollowUpFormInput, now = new Date()): Promise<RecordResult> {
	return db().transaction(async (tx): Promise<RecordResult> => {
		const found = await followUpFor(tx, actor, referralId, months);
		if (!found) return { ok: false, problem: 'not-found' };
		const mode = modeFor(actor, found.followUp);
		if (mode !== 'provider-police') return { ok: false, problem: 'not-open' };
		const saved = await tx
			.update(t.followUp)
			.set({ providerPoliceContact: input.providerPoliceContact, providerPoliceNote: input.providerPoliceNote || null, version: input.version + 1 })
			.where(and(eq(t.followUp.id, found.followUp.id), eq(t.followUp.version, input.version)))
			.returning({ id: t.followUp.id });
		if (saved.length === 0) return { ok: false, problem: 'stale' };
		await chronicle(tx, actor, found.followUp, 'provider_police', now);
		return { ok: true, mode };
	});
}
