import { createDocument, toBuffer } from '../../pdf/document';
import type { Figure } from '../suppression';
import type { GovernorReportView } from './report';

/**
 * The governors' meeting pack (DOMAIN.md §5): a tagged PDF of the same view model the page prints,
 * with each metric's definition and plain line, the tables, the small-numbers rule and the statement
 * that comparisons are not causal. Charts appear as their data tables. Pure: plain data in, bytes out.
 */
type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const withRate = (f: Figure | null, rate: Figure | null) => (f ? (rate ? `${f.display} (${rate.display})` : f.display) : '–');

/**
 * A tagged table (Table, TR, TH, TD) drawn cell by cell: pdfkit's own table takes seconds for a pack
 * this size. The first column is the row's heading and takes the spare width.
 */
function table(doc: Doc, root: Struct, head: readonly string[], rows: readonly (readonly string[])[]) {
	const left = doc.page.margins.left;
	const width = doc.page.width - left - doc.page.margins.right;
	const column = Math.min(80, (width * 0.6) / Math.max(1, head.length - 1));
	const widths = head.map((_, i) => (i === 0 ? width - column * (head.length - 1) : column));
	const tableStruct = doc.struct('Table');
	root.add(tableStruct);
	doc.moveDown(0.3);
	const row = (cells: readonly string[], header: boolean) => {
		doc.font(header ? 'bold' : 'body').fontSize(8);
		// Figures are short; only headings and the row's label can wrap (measuring costs time per cell).
		const heights = cells.map((text, i) => (header || i === 0 || text.length > 12 ? doc.heightOfString(text || ' ', { width: (widths[i] ?? column) - 6 }) : 10));
		const height = Math.max(...heights) + 6;
		if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
		const top = doc.y;
		const tr = doc.struct('TR');
		tableStruct.add(tr);
		let x = left;
		cells.forEach((text, i) => {
			const w = widths[i] ?? column;
			const type = header || i === 0 ? 'TH' : 'TD';
			tr.add(doc.struct(type, {}, () => doc.font(header || i === 0 ? 'bold' : 'body').fontSize(8).text(text, x + 3, top + 3, { width: w - 6, align: i === 0 ? 'left' : 'right' })));
			x += w;
		});
		tr.end();
		doc.markContent('Artifact', { type: 'Layout' });
		doc.moveTo(left, top + height).lineTo(left + width, top + height).lineWidth(0.5).stroke('#b1b4b6');
		doc.endMarkedContent();
		doc.x = left;
		doc.y = top + height;
	};
	row(head, true);
	for (const cells of rows) row(cells, false);
	tableStruct.end();
	doc.font('body').fillColor('black');
	doc.moveDown(0.6);
}

export async function renderGovernorPdf(view: GovernorReportView): Promise<Buffer> {
	const title = `Exclusion-avoidance report: ${view.school.name}`;
	const doc = createDocument(title);
	const root = doc.struct('Document');
	doc.addStructure(root);
	const para = (text: string, font = 'body', size = 9) => root.add(doc.struct('P', {}, () => doc.font(font).fontSize(size).text(text)));
	const heading = (text: string, level: 'H1' | 'H2' | 'H3' = 'H2') => {
		doc.moveDown(level === 'H3' ? 0.4 : 0.8);
		root.add(doc.struct(level, {}, () => doc.font('bold').fontSize(level === 'H1' ? 16 : level === 'H2' ? 12 : 10).text(text)));
	};
	const previous = view.previous?.label ?? 'Previous period';

	heading(title, 'H1');
	para(`${view.period.label}${view.previous ? `, with ${view.previous.label} beside it` : ''}. Made on ${view.generatedOn}.`);
	para('Totals only: no pupil is named or described, and small numbers are hidden.');
	heading('How small numbers are shown');
	para(view.rule);
	heading('Comparisons are not causal');
	para(view.notCausal);

	heading('The figures');
	table(doc, root, ['Measure', view.period.label, previous, 'Change'], view.metrics.map((m) => [m.label, withRate(m.current, m.currentRate), withRate(m.previous, m.previousRate), m.change?.display ?? '–']));
	heading('What each figure means');
	for (const m of view.metrics) {
		heading(m.label, 'H3');
		para(m.explain);
		para(m.definition, 'body', 8);
		for (const note of [m.maturity.current, m.maturity.previous]) if (note) para(note, 'bold', 8);
	}

	heading('Safeguarding escalations by agency');
	table(doc, root, ['Agency', view.period.label, previous, 'Change'], view.escalations.map((e) => [e.label, e.current.display, e.previous?.display ?? '–', e.change?.display ?? '–']));

	heading('Who was referred, and who completed');
	para(`Characteristics as recorded at referral, for ${view.period.label}. Share of the roll uses the school’s numbers on roll for ${view.rollYear}.`);
	for (const b of view.breakdowns) {
		heading(b.label, 'H3');
		table(
			doc,
			root,
			['Group', 'Referrals', 'Share of referrals', 'Share of roll', 'Completed of outcomes', 'Completion rate'],
			b.groups.map((g) => [g.label, g.referrals.display, g.shareOfReferrals.display, g.shareOfRoll.display || '–', `${g.completed.display} of ${g.outcomes.display}`, g.completionRate.display])
		);
		para(`Overall completion rate: ${b.overallCompletionRate.display}.`, 'body', 8);
		if (b.rollNote) para(b.rollNote, 'body', 8);
	}

	heading('Charts as tables');
	for (const chart of view.charts) {
		heading(chart.title, 'H3');
		para(chart.description, 'body', 8);
		table(doc, root, chart.table.head, chart.table.rows.map((r) => [r.label, ...r.cells]));
	}
	root.end();
	return toBuffer(doc);
}
