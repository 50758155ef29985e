import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable } from '../db';
import { recordCaseEvent } from '../referrals/events';
import { displayNameOf } from '../referrals/names';
import { getSetting } from '../settings/settings';
import { caseForYouthWorker } from '../triage/case';
import { newId } from '../util/ids';
import { newVerificationCode } from './code';
import { checkUrl, publicBaseUrl } from './config';
import { initialsOf, unprintableCharacters } from './glyphs';
import { renderCertificate } from './render';

/** The case's completed outcome and its live certificate, if any: only "completed" issues one (DOMAIN.md §3 step 7). */
async function issuable(q: Queryable, referralId: string) {
	const [outcome] = await q.select({ outcome: t.caseOutcome.outcome, outcomeOn: t.caseOutcome.outcomeOn }).from(t.caseOutcome).where(eq(t.caseOutcome.referralId, referralId));
	const [live] = await q.select({ id: t.certificate.id }).from(t.certificate).where(and(eq(t.certificate.referralId, referralId), isNull(t.certificate.revokedAt)));
	return outcome?.outcome === 'completed' && !live ? outcome.outcomeOn : null;
}

/** The name to suggest: the preferred name given at referral (or the legal first name), with the surname. */
async function suggestedName(q: Queryable, referralId: string): Promise<string> {
	const [section] = await q
		.select({ data: t.referralSection.data })
		.from(t.referralSection)
		.where(and(eq(t.referralSection.referralId, referralId), eq(t.referralSection.section, 'pupil')));
	const data = JSON.parse(section?.data ?? '{}') as Record<string, unknown>;
	const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
	return displayNameOf(text('legalForename'), text('legalSurname'), text('preferredName'));
}

/** The issue page of a case (audited: it shows the pupil's name), or null when not found. */
export async function certificateForIssue(actor: Actor, referralId: string) {
	const row = await caseForYouthWorker(db(), actor, referralId);
	if (!row) return null;
	await recordAudit(db(), actor, { action: 'certificate.issue-viewed', recordType: 'referral', recordId: referralId, schoolId: row.schoolId });
	const completedOn = await issuable(db(), referralId);
	return { referralId, displayName: row.displayName || 'Referral', open: completedOn !== null, completedOn, suggestedName: await suggestedName(db(), referralId) };
}

export type IssueResult =
	| { ok: true; certificateId: string; code: string }
	| { ok: false; problem: 'not-found' | 'wrong-state' }
	| { ok: false; problem: 'unprintable'; message: string };

/**
 * Issues the certificate: renders it once and keeps the bytes, which every download serves (DOMAIN.md
 * §3 step 8). A name the font cannot draw is refused with a request for a printable spelling, never
 * printed with missing glyphs.
 */
export async function issueCertificate(actor: Actor, referralId: string, typedName: string, now = new Date()): Promise<IssueResult> {
	const name = typedName.normalize('NFC').trim().replace(/\s+/gu, ' ');
	const row = await caseForYouthWorker(db(), actor, referralId);
	if (!row) return { ok: false, problem: 'not-found' };
	const unprintable = unprintableCharacters(name);
	if (unprintable.length > 0) {
		return { ok: false, problem: 'unprintable', message: `We cannot print ${unprintable.map((c) => `“${c}”`).join(', ')} — enter a spelling using letters the certificate can print` };
	}
	const completedOn = await issuable(db(), referralId);
	if (!completedOn) return { ok: false, problem: 'wrong-state' };
	const [programmeName, settings] = [await getSetting(db(), row.serviceId, 'programmeName'), await getSetting(db(), row.serviceId, 'certificate')];
	const code = newVerificationCode();
	// Rendered before the write transaction, so the lock is not held while the PDF is made.
	const pdf = await renderCertificate({ programmeName, name, completedOn, ...settings, code, checkUrl: checkUrl(code), checkPage: `${publicBaseUrl()}/check` });
	return db().transaction(async (tx): Promise<IssueResult> => {
		const current = await caseForYouthWorker(tx, actor, referralId);
		if (!current) return { ok: false, problem: 'not-found' };
		if ((await issuable(tx, referralId)) !== completedOn) return { ok: false, problem: 'wrong-state' };
		const id = newId();
		await tx.insert(t.certificate).values({
			id,
			referralId,
			serviceId: current.serviceId,
			schoolId: current.schoolId,
			verificationCode: code,
			name,
			initials: initialsOf(name),
			completedOn,
			pdf,
			sha256: encodeHexLowerCase(sha256(pdf)),
			issuedAt: now,
			issuedBy: actor.userId
		});
		await recordCaseEvent(tx, actor, current, { kind: 'certificate-issued' }, now);
		await recordAudit(tx, actor, { action: 'certificate.issued', recordType: 'certificate', recordId: id, serviceId: current.serviceId, schoolId: current.schoolId, detail: { referralId } });
		return { ok: true, certificateId: id, code };
	});
}
