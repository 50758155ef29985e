import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { preparedQuery } from '../db/prepared';
import { newId } from '../util/ids';
import type { SectionKey } from '$lib/schemas/referral/sections';
import { refreshRetention } from '../retention/refresh';
import { columnsFromSection } from './denormalise';
import { recordCaseEvent } from './events';
import { referralScope, scopedReferral } from './scope';

/** A draft belongs to the school: any of its DSLs can resume or discard it (DOMAIN.md §3 step 1). */
export async function startReferral(actor: Actor, now = new Date()): Promise<string> {
	if (!actor.schoolId) throw new Error('only a school can start a referral');
	const id = newId();
	const row = { id, serviceId: actor.serviceId, schoolId: actor.schoolId };
	await db().transaction(async (tx) => {
		await tx.insert(t.referral).values({ ...row, state: 'draft', createdAt: now, createdBy: actor.userId, updatedAt: now });
		await recordCaseEvent(tx, actor, row, { kind: 'created', toState: 'draft' }, now);
		await recordAudit(tx, actor, { action: 'referral.created', recordType: 'referral', recordId: id });
	});
	return id;
}

/** The referral and its sections as typed, if the actor may see it. */
const sectionsPrepared = preparedQuery((q) => q.select().from(t.referralSection).where(eq(t.referralSection.referralId, sql.placeholder('referralId'))).prepare());

export async function findReferral(actor: Actor, id: string) {
	const row = await scopedReferral(actor, id);
	if (!row) return null;
	const sections = await sectionsPrepared({ referralId: id }).all();
	return {
		referral: row,
		sections: Object.fromEntries(
			sections.map((s) => [s.section, { data: JSON.parse(s.data) as Record<string, unknown>, complete: s.complete, version: s.version, updatedAt: s.updatedAt, updatedBy: s.updatedBy }])
		) as Partial<Record<SectionKey, { data: Record<string, unknown>; complete: boolean; version: number; updatedAt: Date; updatedBy: string }>>
	};
}

/** The school may edit a draft, and correct a submitted referral until triage starts (DOMAIN.md §3). */
export function isEditableBySchool(row: { state: string; triageStartedAt: Date | null }): boolean {
	return row.state === 'draft' || (row.state === 'submitted' && row.triageStartedAt === null);
}

export type SaveResult =
	| { ok: true; version: number }
	| { ok: false; problem: 'not-found' | 'not-editable' }
	| { ok: false; problem: 'stale'; current: Record<string, unknown>; version: number };

/**
 * Saves one section exactly as typed, valid or not, so nothing is lost; `complete` says whether it
 * passed validation. An autosave writes at most one audit row and one chronology entry per section
 * per login session; an explicit save of a submitted referral is a correction and always recorded.
 */
export async function saveSection(
	actor: Actor,
	referralId: string,
	section: SectionKey,
	data: Record<string, unknown>,
	options: { complete: boolean; expectedVersion: number | null; autosave?: boolean },
	now = new Date()
): Promise<SaveResult> {
	return db().transaction(async (tx) => {
		const [row] = await tx.select().from(t.referral).where(and(eq(t.referral.id, referralId), referralScope(actor)));
		if (!row || actor.schoolId !== row.schoolId) return { ok: false as const, problem: 'not-found' as const };
		if (!isEditableBySchool(row)) return { ok: false as const, problem: 'not-editable' as const };
		const [existing] = await tx
			.select()
			.from(t.referralSection)
			.where(and(eq(t.referralSection.referralId, referralId), eq(t.referralSection.section, section)));
		const currentVersion = existing?.version ?? 0;
		if (options.expectedVersion !== null && options.expectedVersion !== currentVersion) {
			return { ok: false as const, problem: 'stale' as const, current: existing ? (JSON.parse(existing.data) as Record<string, unknown>) : {}, version: currentVersion };
		}
		const version = currentVersion + 1;
		const values = {
			data: JSON.stringify(data),
			complete: options.complete,
			version,
			updatedAt: now,
			updatedBy: actor.userId
		};
		const firstThisSession = existing?.auditedSessionId !== actor.sessionId;
		if (existing) {
			await tx
				.update(t.referralSection)
				.set({ ...values, auditedSessionId: actor.sessionId })
				.where(and(eq(t.referralSection.referralId, referralId), eq(t.referralSection.section, section)));
		} else {
			await tx.insert(t.referralSection).values({ ...values, referralId, section, serviceId: row.serviceId, schoolId: row.schoolId, auditedSessionId: actor.sessionId });
		}
		await tx
			.update(t.referral)
			.set({ ...columnsFromSection(section, data), updatedAt: now, version: row.version + 1 })
			.where(eq(t.referral.id, referralId));
		// The date of birth sets a child-protection record's review date (DOMAIN.md §7).
		if (section === 'pupil') await refreshRetention(tx, referralId);
		const correction = row.state !== 'draft';
		if (correction || !options.autosave || firstThisSession) {
			await recordCaseEvent(tx, actor, row, { kind: correction ? 'corrected' : 'edited', section }, now);
			await recordAudit(tx, actor, {
				action: correction ? 'referral.corrected' : 'referral.section-saved',
				recordType: 'referral',
				recordId: referralId,
				detail: { section, autosave: Boolean(options.autosave), complete: options.complete }
			});
		}
		return { ok: true as const, version };
	});
}

/** Discards a draft: its answers are deleted; the audit rows remain. */
export async function discardDraft(actor: Actor, referralId: string): Promise<boolean> {
	return db().transaction(async (tx) => {
		const [row] = await tx.select().from(t.referral).where(and(eq(t.referral.id, referralId), referralScope(actor), eq(t.referral.state, 'draft')));
		if (!row || actor.schoolId !== row.schoolId) return false;
		await tx.delete(t.referralSection).where(eq(t.referralSection.referralId, referralId));
		await tx.delete(t.caseEvent).where(eq(t.caseEvent.referralId, referralId));
		await tx.delete(t.referral).where(eq(t.referral.id, referralId));
		await recordAudit(tx, actor, { action: 'referral.discarded', recordType: 'referral', recordId: referralId });
		return true;
	});
}
