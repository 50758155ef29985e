import { createDocument, toBuffer } from '../pdf/document';
import type { Field, Part, SubjectAccessRecord } from './types';

/**
 * The subject access export as a readable, tagged PDF (headings, then each entry's fields). Pure: text
 * is drawn as text, so anything typed stays inert.
 */
export async function renderSubjectAccessPdf(record: SubjectAccessRecord): Promise<Buffer> {
	const doc = createDocument(record.title);
	const root = doc.struct('Document');
	doc.addStructure(root);
	const heading = (level: 'H1' | 'H2' | 'H3', text: string) => {
		const size = level === 'H1' ? 18 : level === 'H2' ? 14 : 11;
		doc.moveDown(level === 'H1' ? 0 : 0.6);
		root.add(doc.struct(level, {}, () => doc.font('bold').fontSize(size).text(text)));
	};
	const para = (text: string, size = 9) => root.add(doc.struct('P', {}, () => doc.font('body').fontSize(size).text(text)));
	const entry = (entryFields: Field[]) => {
		for (const f of entryFields) {
			root.add(
				doc.struct('P', {}, () => {
					doc.font('bold').fontSize(9).text(/[?:]$/.test(f.label) ? `${f.label} ` : `${f.label}: `, { continued: true });
					doc.font('body').text(f.value);
				})
			);
		}
		doc.moveDown(0.4);
	};
	const part = (p: Part, level: 'H2' | 'H3') => {
		heading(level, p.title);
		if (p.entries.length === 0) para('None.');
		for (const e of p.entries) entry(e);
	};

	heading('H1', record.title);
	para('OFFICIAL-SENSITIVE: personal data about a young person, disclosed to them or to someone acting for them. Keep it secure.', 8);
	para(`Made on ${record.generatedAt} by ${record.generatedBy}, ${record.service}.`, 8);
	for (const line of record.about) para(line);
	heading('H2', 'The young person');
	entry(record.youngPerson);
	for (const referral of record.referrals) {
		heading('H2', `Referral ${referral.reference}, ${referral.school}`);
		for (const p of referral.parts) part(p, 'H3');
	}
	part(record.audit, 'H2');
	root.end();
	return toBuffer(doc);
}
