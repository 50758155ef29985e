import { eq } from 'drizzle-orm';
import { CASE_STATE_LABELS, type CaseState } from '$lib/case-states';
import { SECTIONS } from '$lib/schemas/referral/sections';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { createDocument, toBuffer } from '../pdf/document';
import { findReferral } from './drafts';
import { sectionRows, type SummaryRow } from './summary';

export interface ReferralSummary {
	displayName: string;
	schoolName: string;
	state: string;
	submittedAt: string | null;
	generatedAt: string;
	sections: { title: string; rows: SummaryRow[] }[];
}

/** Renders the submitted referral as the school made it, for its own safeguarding record. Pure. */
export async function renderReferralSummary(summary: ReferralSummary): Promise<Buffer> {
	const doc = createDocument(`Referral summary: ${summary.displayName}`);
	const root = doc.struct('Document');
	doc.addStructure(root);
	const para = (text: string, options: PDFKit.Mixins.TextOptions = {}, font = 'body', size = 10) => {
		root.add(
			doc.struct('P', {}, () => {
				doc.font(font).fontSize(size).text(text, options);
			})
		);
	};
	root.add(doc.struct('H1', {}, () => doc.font('bold').fontSize(18).text('Referral summary')));
	para('OFFICIAL-SENSITIVE: personal data about a child. Keep it in the school’s safeguarding record.', {}, 'bold', 9);
	doc.moveDown(0.5);
	para(`Pupil: ${summary.displayName}`, {}, 'bold', 12);
	para(`School: ${summary.schoolName}`);
	para(`State: ${summary.state}`);
	if (summary.submittedAt) para(`Submitted: ${summary.submittedAt}`);
	for (const section of summary.sections) {
		doc.moveDown(0.8);
		root.add(doc.struct('H2', {}, () => doc.font('bold').fontSize(13).text(section.title)));
		for (const row of section.rows) {
			para(row.label, {}, 'bold', 9);
			para(row.value, { indent: 10 }, 'body', 10);
		}
	}
	doc.moveDown(1);
	para(`Made by Divert for Schools on ${summary.generatedAt}.`, {}, 'body', 8);
	root.end();
	return toBuffer(doc);
}

function londonTime(date: Date): string {
	return date.toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'long', timeStyle: 'short' });
}

/** The summary PDF of a submitted referral for someone allowed to export it; the download is audited. */
export async function referralSummaryPdf(actor: Actor, referralId: string, now = new Date()): Promise<{ bytes: Buffer; filename: string } | null> {
	const found = await findReferral(actor, referralId);
	if (!found || found.referral.state === 'draft') return null;
	const { referral, sections } = found;
	const [school] = await db().select({ name: t.school.name }).from(t.school).where(eq(t.school.id, referral.schoolId));
	const bytes = await renderReferralSummary({
		displayName: referral.displayName,
		schoolName: school?.name ?? '',
		state: CASE_STATE_LABELS[referral.state as CaseState] ?? referral.state,
		submittedAt: referral.submittedAt ? londonTime(referral.submittedAt) : null,
		generatedAt: londonTime(now),
		sections: SECTIONS.map((s) => ({ title: s.title, rows: sections[s.key] ? sectionRows(s.key, sections[s.key]?.data ?? {}) : [] }))
	});
	await recordAudit(db(), actor, { action: 'referral.pdf-downloaded', recordType: 'referral', recordId: referralId, schoolId: referral.schoolId });
	return { bytes, filename: `referral-${referralId}.pdf` };
}
