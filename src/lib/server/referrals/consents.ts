import { and, eq, isNull, sql } from 'drizzle-orm';
import { readDate } from '$lib/schemas/fields';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Tx } from '../db';
import { preparedQuery } from '../db/prepared';
import { newId } from '../util/ids';
import { recordCaseEvent } from './events';
import { referralScope } from './scope';

export const CONSENT_KINDS = ['parent', 'young_person', 'share_progress', 'evaluation'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** Turns the consent section's answers into consent records at submission. */
export async function recordConsents(tx: Tx, referral: { id: string; serviceId: string; schoolId: string }, data: Record<string, unknown>): Promise<void> {
	const text = (key: string) => String(data[key] ?? '');
	const on = (prefix: string) => {
		const date = readDate('', text(`${prefix}Day`), text(`${prefix}Month`), text(`${prefix}Year`));
		return date.ok === true ? date.iso : null;
	};
	const rows: { kind: ConsentKind; given: boolean; givenBy: string | null; method: string | null; givenOn: string | null }[] = [
		{ kind: 'parent', given: text('parentConsent') === 'yes', givenBy: text('parentConsentBy') || null, method: text('parentConsentMethod') || null, givenOn: on('parentConsent') },
		{ kind: 'young_person', given: text('youngPersonAgreed') === 'yes', givenBy: 'young_person', method: text('youngPersonMethod') || null, givenOn: on('youngPerson') },
		{ kind: 'share_progress', given: text('shareProgress') === 'yes', givenBy: text('shareProgressBy') || null, method: text('shareProgressMethod') || null, givenOn: on('shareProgress') },
		{ kind: 'evaluation', given: text('evaluation') === 'yes', givenBy: text('evaluationBy') || null, method: text('evaluationMethod') || null, givenOn: on('evaluation') }
	];
	await tx.delete(t.consent).where(eq(t.consent.referralId, referral.id));
	for (const row of rows) {
		await tx.insert(t.consent).values({ id: newId(), referralId: referral.id, serviceId: referral.serviceId, schoolId: referral.schoolId, ...row });
	}
}

const consentsPrepared = preparedQuery((q) => q.select().from(t.consent).where(eq(t.consent.referralId, sql.placeholder('referralId'))).prepare());

export async function consentsOf(referralId: string) {
	return consentsPrepared({ referralId }).all();
}

/** Whether the school may see progress (DOMAIN.md §3: consent to share progress, not withdrawn). */
export function sharesProgress(consents: { kind: string; given: boolean; withdrawnAt: Date | null }[]): boolean {
	return consents.some((c) => c.kind === 'share_progress' && c.given && !c.withdrawnAt);
}

export type WithdrawConsentResult = { ok: true } | { ok: false; problem: 'not-found' | 'stale' | 'already-withdrawn' | 'reason-required' };

/** Records a consent as withdrawn: recorded, never deleted (DOMAIN.md §3). */
export async function withdrawConsent(actor: Actor, referralId: string, kind: ConsentKind, reason: string, expectedVersion: number, now = new Date()): Promise<WithdrawConsentResult> {
	if (!reason.trim()) return { ok: false, problem: 'reason-required' };
	return db().transaction(async (tx) => {
		const [row] = await tx.select().from(t.referral).where(and(eq(t.referral.id, referralId), referralScope(actor)));
		if (!row || row.state === 'draft') return { ok: false as const, problem: 'not-found' as const };
		const [consent] = await tx.select().from(t.consent).where(and(eq(t.consent.referralId, referralId), eq(t.consent.kind, kind)));
		if (!consent || !consent.given) return { ok: false as const, problem: 'not-found' as const };
		if (consent.withdrawnAt) return { ok: false as const, problem: 'already-withdrawn' as const };
		const updated = await tx
			.update(t.consent)
			.set({ withdrawnAt: now, withdrawnBy: actor.userId, withdrawnReason: reason, version: consent.version + 1 })
			.where(and(eq(t.consent.id, consent.id), eq(t.consent.version, expectedVersion), isNull(t.consent.withdrawnAt)))
			.returning({ id: t.consent.id });
		if (updated.length !== 1) return { ok: false as const, problem: 'stale' as const };
		await recordCaseEvent(tx, actor, row, { kind: 'consent-withdrawn', section: kind, reason }, now);
		await recordAudit(tx, actor, { action: 'referral.consent-withdrawn', recordType: 'referral', recordId: referralId, detail: { kind } });
		return { ok: true as const };
	});
}
