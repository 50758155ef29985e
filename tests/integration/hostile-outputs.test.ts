import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool } from '$lib/server/admin/schools';
import { recordAudit } from '$lib/server/audit/audit';
import { exportAuditLog } from '$lib/server/audit/export';
import { db } from '$lib/server/db';
import { referralSummaryPdf } from '$lib/server/referrals/summary-pdf';
import { escapeXml } from '$lib/server/reports/charts/svg';
import { readSetting, setSetting } from '$lib/server/settings/settings';
import { insertUser } from '$lib/server/tenancy/provision';
import { GET as serviceCsv } from '../../src/routes/(app)/reports/service/report.csv/+server';
import { submittedCase } from '../helpers/case';
import { fakeEvent } from '../helpers/event';
import { CONTROL, FORMULA, MARKUP, UNICODE, blnsSample } from '../helpers/hostile';
import { startHostileWorld, type HostileWorld } from '../helpers/hostile-world';
import { pdfText } from '../helpers/pdf';


/**
 * SECURITY.md 13, issue 7 point 2: hostile text is inert in every output. Pages: Svelte escapes every
 * `{text}`, so the only way markup gets through is `{@html}`, checked here to take escaped SVG only.
 * PDFs: every payload renders, and markup is printed as literal text. CSVs: a cell that a spreadsheet
 * would run as a formula starts with a quote, in the audit export and in the report download.
 */
let ctx: HostileWorld;
let close: () => Promise<void>;
beforeAll(async () => {
	({ ctx, close } = await startHostileWorld());
});
afterAll(() => close());

const TEXT = [...MARKUP, ...FORMULA, ...CONTROL, ...UNICODE, ...blnsSample(20)];
const FORMULA_OPENER = /^[=+\-@\t\r]/;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? sourceFiles(path) : /\.(svelte|ts)$/.test(name) ? [path] : [];
	});
}

/** RFC 4180 cells: quoted, quotes doubled, CRLF between rows (and CR or LF inside quoted cells). */
function csvCells(text: string): string[] {
	const cells: string[] = [];
	let i = text.startsWith('\uFEFF') ? 1 : 0;
	while (i < text.length) {
		if (text[i] === '"') {
			let cell = '';
			i++;
			while (i < text.length) {
				if (text[i] === '"' && text[i + 1] === '"') {
					cell += '"';
					i += 2;
				} else if (text[i] === '"') {
					i++;
					break;
				} else cell += text[i++];
			}
			cells.push(cell);
		} else {
			const end = text.slice(i).search(/[,\r\n]/);
			const cell = end === -1 ? text.slice(i) : text.slice(i, i + end);
			if (cell) cells.push(cell);
			i += cell.length;
		}
		while (text[i] === ',' || text[i] === '\r' || text[i] === '\n') i++;
	}
	return cells;
}

async function streamText(stream: ReadableStream<Uint8Array>): Promise<string> {
	return new Response(stream).text();
}

describe('hostile text in pages', () => {
	it('places markup from the server only in the escaped chart SVG and in sections Svelte rendered, and never sets innerHTML', () => {
		const src = join(process.cwd(), 'src');
		const raw = sourceFiles(src).filter((file) => /\{@html\s/.test(readFileSync(file, 'utf8')));
		// RenderedHtml places only what renderedOnce had Svelte render, escaped as on any page (rendered-section.test.ts).
		expect(raw.map((file) => file.slice(src.length + 1)).sort()).toEqual(['lib/components/RenderedHtml.svelte', 'lib/components/SvgChart.svelte']);
		expect(sourceFiles(src).filter((file) => /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML/.test(readFileSync(file, 'utf8')))).toEqual([]);
	});

	it('escapes every payload for the chart SVG: no tag, attribute or entity can open', () => {
		for (const text of TEXT) {
			const escaped = escapeXml(text);
			expect(escaped, text).not.toMatch(/[<>"']/);
			expect(escaped.replace(/&(amp|lt|gt|quot|apos);/g, ''), text).not.toContain('&');
		}
	});
});

describe('hostile text in PDFs', () => {
	it('renders the referral summary for every payload, with markup printed as text', async () => {
		const dsl = ctx.world.services[0].schools[0].actors.dsl;
		// Five free-text answers a PDF prints, so each summary carries five payloads.
		const fields = ['place', 'substanceDescription', 'quantity', 'witness1', 'witness2'] as const;
		for (let i = 0; i < TEXT.length; i += fields.length) {
			const texts = TEXT.slice(i, i + fields.length);
			const id = await submittedCase(dsl, { incident: Object.fromEntries(texts.map((text, j) => [fields[j], text.slice(0, 100)])) });
			const pdf = await referralSummaryPdf(dsl, id);
			expect(pdf, texts.join(' | ')).not.toBeNull();
			const printed = (await pdfText(pdf?.bytes ?? new Uint8Array())).text.replace(/\s+/g, '');
			for (const text of texts.filter((t) => (MARKUP as readonly string[]).includes(t))) expect(printed, text).toContain(text.replace(/\s+/g, ''));
		}
	}, 120_000);
});

describe('hostile text in CSVs', () => {
	it('neutralises formula openers in the audit export: user names and school names', async () => {
		const service = ctx.world.services[0];
		for (const [i, text] of [...FORMULA, ...CONTROL.slice(0, 2)].entries()) {
			const userId = await db().transaction((tx) => insertUser(tx, { email: `formula.${i}@test.example`, displayName: text, role: 'youth_worker', serviceId: service.id, schoolId: null }));
			const created = await createSchool(service.actors.provider_admin, { name: text, urn: String(600000 + i), type: 'Academy', phase: 'Secondary', localAuthority: 'Test Borough 1' });
			expect(created.ok).toBe(true);
			await recordAudit(db(), { ...service.actors.youth_worker, userId }, { action: 'hostile.test', recordType: 'school', recordId: created.ok ? created.schoolId : '', schoolId: created.ok ? created.schoolId : null });
		}
		const cells = csvCells(await streamText(await exportAuditLog(service.actors.provider_admin, { action: '', userId: '', recordId: '', from: null, to: null, before: null })));
		expect(cells.filter((cell) => FORMULA_OPENER.test(cell))).toEqual([]);
		for (const text of FORMULA) expect(cells).toContain(`'${text}`);
	});

	it('neutralises formula openers in the service report download: school name and unit-cost sources', async () => {
		const admin = ctx.world.services[0].actors.provider_admin;
		const created = await createSchool(admin, { name: '=HYPERLINK("http://example.invalid","Open")', urn: '690001', type: 'Academy', phase: 'Secondary', localAuthority: 'Test Borough 1' });
		if (!created.ok) throw new Error('no school');
		const { version } = await readSetting(db(), admin.serviceId, 'unitCosts');
		expect((await setSetting(admin, 'unitCosts', { suspensionDay: { pounds: 100, source: '@SUM(A1:A9)' }, permanentExclusion: { pounds: 1000, source: '-1+1 cmd' } }, version)).ok).toBe(true);
		const event = fakeEvent({ path: `/reports/service/report.csv?school=${created.schoolId}`, auth: ctx.admin });
		const response = (await serviceCsv({ ...event, params: {} } as never)) as Response;
		const cells = csvCells(await response.text());
		expect(cells.filter((cell) => FORMULA_OPENER.test(cell))).toEqual([]);
		expect(cells).toEqual(expect.arrayContaining([`'=HYPERLINK("http://example.invalid","Open")`, `'@SUM(A1:A9)`, `'-1+1 cmd`]));
	});
});
