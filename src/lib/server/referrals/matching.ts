import { and, eq, ne, or, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Tx } from '../db';
import { preparedQuery } from '../db/prepared';
import { newId } from '../util/ids';
import { recordCaseEvent } from './events';

/**
 * The same young person referred again, matched within the service on normalised legal name and date
 * of birth, or on UPN when given (DOMAIN.md §3). A match is only proposed: a youth worker confirms it.
 * The school is never told of another school's referral.
 */
export async function proposeMatches(
	tx: Tx,
	referral: { id: string; serviceId: string; forenameKey: string; surnameKey: string; dateOfBirth: string | null; upn: string | null },
	now = new Date()
): Promise<number> {
	const byName =
		referral.dateOfBirth && referral.surnameKey
			? and(eq(t.referral.surnameKey, referral.surnameKey), eq(t.referral.forenameKey, referral.forenameKey), eq(t.referral.dateOfBirth, referral.dateOfBirth))
			: undefined;
	const byUpn = referral.upn ? eq(t.referral.upn, referral.upn) : undefined;
	const basis = [byName, byUpn].filter(Boolean);
	if (basis.length === 0) return 0;
	const candidates = await tx
		.select({ id: t.referral.id, upn: t.referral.upn })
		.from(t.referral)
		.where(and(eq(t.referral.serviceId, referral.serviceId), ne(t.referral.id, referral.id), ne(t.referral.state, 'draft'), or(...basis)));
	for (const candidate of candidates) {
		await tx
			.insert(t.matchProposal)
			.values({
				id: newId(),
				serviceId: referral.serviceId,
				referralId: referral.id,
				matchedReferralId: candidate.id,
				basis: referral.upn && candidate.upn === referral.upn ? 'upn' : 'name-and-date-of-birth',
				status: 'proposed',
				createdAt: now
			})
			.onConflictDoNothing();
	}
	return candidates.length;
}

export type MatchDecision = 'confirm' | 'reject';

/** A youth worker confirms (both referrals are then one young person) or rejects a proposed match. */
export async function decideMatch(actor: Actor, proposalId: string, decision: MatchDecision, now = new Date()): Promise<boolean> {
	if (actor.role !== 'youth_worker') return false;
	return db().transaction(async (tx) => {
		const [proposal] = await tx
			.select()
			.from(t.matchProposal)
			.where(and(eq(t.matchProposal.id, proposalId), eq(t.matchProposal.serviceId, actor.serviceId), eq(t.matchProposal.status, 'proposed')));
		if (!proposal) return false;
		const pair = await tx.select().from(t.referral).where(and(eq(t.referral.serviceId, actor.serviceId), or(eq(t.referral.id, proposal.referralId), eq(t.referral.id, proposal.matchedReferralId))));
		if (pair.length !== 2) return false;
		await tx.update(t.matchProposal).set({ status: decision === 'confirm' ? 'confirmed' : 'rejected', decidedBy: actor.userId, decidedAt: now }).where(eq(t.matchProposal.id, proposalId));
		if (decision === 'confirm') {
			const existing = pair.map((r) => r.youngPersonId).find(Boolean);
			const youngPersonId = existing ?? newId();
			if (!existing) await tx.insert(t.youngPerson).values({ id: youngPersonId, serviceId: actor.serviceId, createdAt: now });
			for (const r of pair) {
				if (r.youngPersonId && r.youngPersonId !== youngPersonId) {
					await tx.update(t.referral).set({ youngPersonId }).where(eq(t.referral.youngPersonId, r.youngPersonId));
				}
				await tx.update(t.referral).set({ youngPersonId }).where(eq(t.referral.id, r.id));
			}
		}
		const main = pair.find((r) => r.id === proposal.referralId) ?? pair[0];
		if (main) await recordCaseEvent(tx, actor, main, { kind: decision === 'confirm' ? 'match-confirmed' : 'match-rejected', schoolVisible: false }, now);
		await recordAudit(tx, actor, { action: `referral.match-${decision === 'confirm' ? 'confirmed' : 'rejected'}`, recordType: 'referral', recordId: proposal.referralId, detail: { proposal: proposalId } });
		return true;
	});
}

/** Proposals awaiting a youth worker's decision for one referral (never shown to a school). */
export async function matchesFor(actor: Actor, referralId: string) {
	if (actor.role !== 'youth_worker' && actor.role !== 'provider_admin') return [];
	return matchesPrepared({ serviceId: actor.serviceId, referralId }).all();
}

const matchesPrepared = preparedQuery((q) =>
	q
		.select({
			id: t.matchProposal.id,
			basis: t.matchProposal.basis,
			status: t.matchProposal.status,
			matchedReferralId: t.matchProposal.matchedReferralId,
			matchedSchool: t.school.name,
			matchedSubmittedAt: t.referral.submittedAt,
			matchedState: t.referral.state
		})
		.from(t.matchProposal)
		.innerJoin(t.referral, eq(t.referral.id, t.matchProposal.matchedReferralId))
		.innerJoin(t.school, eq(t.school.id, t.referral.schoolId))
		.where(and(eq(t.matchProposal.serviceId, sql.placeholder('serviceId')), eq(t.matchProposal.referralId, sql.placeholder('referralId'))))
		.prepare()
);
