import { BUDGETS, FLOOR_NAMES, p99Ratio, throughputRatio, type Check, type FloorKind, type PageResult } from './budgets';
import type { Run } from './stats';

export interface Timing {
	name: string;
	ms: number;
	/** Null for a figure shown for context, with no budget of its own (a report computed with nothing kept). */
	limitMs: number | null;
}

export interface ClientJs {
	name: string;
	files: number;
	bytes: number;
}

export interface BenchReport {
	floors: Record<FloorKind, Run>;
	pages: PageResult[];
	timings: Timing[];
	js: ClientJs[];
	checks: Check[];
}

const n0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-GB') : '–');
const ms = (n: number) => (n === Number.POSITIVE_INFINITY ? 'too slow' : Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : n0(n)) : '–');
const times = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '–');
const verdict = (ok: boolean) => (ok ? 'ok' : '**missed**');

/** The bench's results as markdown: the pages against their floors, the in-process timings, the client JS. */
export function markdown(report: BenchReport): string {
	const failed = (subject: string) => report.checks.some((c) => c.subject === subject && !c.ok);
	const lines = [
		'| page | as | floor | req/s | p50 ms | p99 ms | req/s ÷ floor | p99 ÷ floor p99 | budget |',
		'|---|---|---|--:|--:|--:|--:|--:|---|'
	];
	for (const kind of ['read', 'write'] as const) {
		const f = report.floors[kind];
		lines.push(`| ${FLOOR_NAMES[kind]} | anonymous | – | ${n0(f.rps)} | ${ms(f.p50)} | ${ms(f.p99)} | – | – | ${verdict(!failed(FLOOR_NAMES[kind]))} |`);
	}
	for (const page of report.pages) {
		const floor = report.floors[page.floor];
		const r = page.run;
		lines.push(
			`| ${page.name} | ${page.role} | ${page.floor} | ${n0(r.rps)} | ${ms(r.p50)} | ${ms(r.p99)} | ${times(throughputRatio(r, floor))} | ${times(p99Ratio(r, floor))} | ${verdict(!failed(page.name))} |`
		);
	}
	for (const page of report.pages) if (page.note) lines.push('', `${page.name}: ${page.note}.`);
	lines.push('', '| computed in process (median) | ms | budget |', '|---|--:|---|');
	for (const t of report.timings) lines.push(`| ${t.name} | ${ms(t.ms)} | ${t.limitMs === null ? 'for context' : `≤ ${t.limitMs} ms: ${verdict(!failed(t.name))}`} |`);
	lines.push('', '| client JavaScript | files | gzipped | budget |', '|---|--:|--:|---|');
	for (const j of report.js) lines.push(`| ${j.name} | ${j.files} | ${(j.bytes / 1024).toFixed(1)} KB | ≤ ${BUDGETS.clientJsKb} KB: ${verdict(!failed(j.name))} |`);
	const missed = report.checks.filter((c) => !c.ok);
	lines.push('', missed.length === 0 ? 'Every budget met.' : `Budgets missed (${missed.length}):`);
	for (const c of missed) lines.push(`- ${c.subject}: ${c.rule}`);
	return lines.join('\n');
}
