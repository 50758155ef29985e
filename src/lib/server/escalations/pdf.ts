import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db } from '../db';
import { createDocument, toBuffer } from '../pdf/document';
import { escalationSummaryData, type EscalationSummaryDoc, type Row } from './pdf-data';

export type { EscalationSummaryDoc } from './pdf-data';

/**
 * Renders the one-page escalation summary, ready to send by secure email (DOMAIN.md §3 step 4). Pure:
 * takes plain data; text is drawn as text, so hostile input stays inert.
 */
export async function renderEscalationSummary(summary: EscalationSummaryDoc): Promise<Buffer> {
	const doc = createDocument(`Escalation summary: ${summary.agencyLabel}`);
	const root = doc.struct('Document');
	doc.addStructure(root);
	const para = (text: string, font = 'body', size = 9) => {
		root.add(doc.struct('P', {}, () => doc.font(font).fontSize(size).text(text)));
	};
	const heading = (text: string) => {
		doc.moveDown(0.5);
		root.add(doc.struct('H2', {}, () => doc.font('bold').fontSize(11).text(text)));
	};
	const rows = (list: Row[], empty: string) => {
		if (list.length === 0) para(empty);
		for (const row of list) {
			root.add(
				doc.struct('P', {}, () => {
					// A question ("Are there signs of …?") reads on without a colon.
					doc.font('bold').fontSize(9).text(/[?:]$/.test(row.label) ? `${row.label} ` : `${row.label}: `, { continued: true });
					doc.font('body').text(row.value);
				})
			);
		}
	};
	root.add(doc.struct('H1', {}, () => doc.font('bold').fontSize(16).text(`Escalation summary: ${summary.agencyLabel}`)));
	para('OFFICIAL-SENSITIVE: personal data about a child, shared to keep them safe. Send only by secure email.', 'bold', 8);
	heading('The child');
	rows(summary.child, 'Not recorded');
	heading('Parents and carers, and parental responsibility');
	rows(summary.contacts, 'Not recorded');
	heading('The concern');
	rows(summary.concern, 'Not recorded');
	heading('Indicators answered yes');
	rows(summary.indicators, 'None answered yes');
	heading('Actions taken');
	if (summary.actions.length === 0) para('None recorded');
	for (const action of summary.actions) para(`• ${action}`);
	heading('Lawful basis for sharing');
	rows([summary.lawfulBasis], '');
	heading('Referrer’s contact');
	rows(summary.referrer, 'Not recorded');
	doc.moveDown(0.8);
	para(`Made by Divert for Schools on ${summary.generatedAt}.`, 'body', 7);
	root.end();
	return toBuffer(doc);
}

/** The summary PDF of one escalation for someone allowed to export it; every download is audited. */
export async function escalationSummaryPdf(actor: Actor, referralId: string, escalationId: string, now = new Date()): Promise<{ bytes: Buffer; filename: string } | null> {
	const found = await escalationSummaryData(actor, referralId, escalationId, now);
	if (!found) return null;
	const bytes = await renderEscalationSummary(found.doc);
	await recordAudit(db(), actor, {
		action: 'escalation.pdf-downloaded',
		recordType: 'escalation',
		recordId: escalationId,
		schoolId: found.schoolId,
		detail: { referralId }
	});
	return { bytes, filename: `escalation-${escalationId}.pdf` };
}
