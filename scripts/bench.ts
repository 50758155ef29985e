/**
 * `npm run bench`: the performance bench (issue 8). Builds the app, makes sure the large database
 * exists, starts the built server on it, and drives it with autocannon on loopback as signed-in users
 * of each role (sessions made directly, MFA satisfied): a warm-up, then several fixed-duration runs
 * per page, taken in turns so that a noisy moment on the machine falls on every page alike, reporting
 * the median. The read and write floors are measured on the same server in the same run. Prints a
 * markdown table (also written to data/bench/latest.md) and exits 1 when a budget is missed.
 *
 *   --no-build           use the build/ there is
 *   --db <file>          the database to use as it is (or BENCH_DB); default data/bench/large.db,
 *                        built by `npm run data:large -- --if-missing` when missing
 *   --small              the generator's small preset (data/bench/small.db): a quick check of the bench itself
 *   --seconds 5 --runs 3 --warmup 2 --connections 10 --report-runs 5
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from './lib/args';
import { ensureKitPaths, runTool } from './lib/kit';
import { BUDGETS, limitCheck, pageChecks, validRun, type Check, type FloorKind, type PageResult } from './lib/bench/budgets';
import { floorEndpoints, pageEndpoints } from './lib/bench/endpoints';
import { hammer, probe, settle, type Endpoint } from './lib/bench/load';
import { markdown, type ClientJs, type Timing } from './lib/bench/report';
import { startBenchServer, type BenchServer } from './lib/bench/server';
import { medianOfRuns, type Run } from './lib/bench/stats';
import { timeRuns } from './lib/bench/timing';
import { pageAssets } from './lib/page-assets';

const started = Date.now();
const { values, flags } = parseArgs(process.argv.slice(2), { values: ['db', 'seconds', 'runs', 'warmup', 'connections', 'report-runs'], flags: ['no-build', 'small'] });
const whole = (name: string, fallback: number) => {
	const n = Number(values.get(name) ?? fallback);
	if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number, 1 or more`);
	return n;
};
const load = { seconds: whole('seconds', 5), connections: whole('connections', 10) };
const runs = whole('runs', 3);
const warmup = whole('warmup', 2);
const reportRuns = whole('report-runs', 5);
/** How long the bench waits for one request before calling the page too slow to measure. */
const PROBE_TIMEOUT_MS = 60_000;
const say = (line: string) => process.stderr.write(`${line}\n`);
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;

await ensureKitPaths();
// Ctrl-C: exit, which stops the server (server.ts); the bench's sessions lapse by themselves.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
mkdirSync(resolve('data/bench'), { recursive: true });

// The database: one named explicitly is used as it is (never rebuilt over); the default cache is built once.
const named = values.get('db') ?? process.env.BENCH_DB?.trim();
const dbPath = resolve(named || (flags.has('small') ? 'data/bench/small.db' : 'data/bench/large.db'));
if (named && existsSync(dbPath)) {
	say(`Using ${dbPath} as it is`);
} else {
	runTool('tsx', ['scripts/generate-large.ts', '--if-missing', '--out', dbPath, ...(flags.has('small') ? ['--small'] : [])]);
}
if (!flags.has('no-build')) runTool('vite', ['build', '--logLevel', 'warn']);

const { startDatabase, closeDatabase, db, t } = await import('../src/lib/server/db');
const { count } = await import('drizzle-orm');
const { benchWorld, endSessions, auditHighWater } = await import('./lib/bench/targets');
const { governorReport } = await import('../src/lib/server/reports/governor/report');
const { serviceReport } = await import('../src/lib/server/reports/service/report');
const { forgetKeptReports } = await import('../src/lib/server/reports/kept');

const databaseUrl = `file:${dbPath}`;
const logPath = resolve('data/bench/server.log');
writeFileSync(logPath, '');
await startDatabase({ DATABASE_URL: databaseUrl });
const world = await benchWorld();
const [referrals] = await db().select({ n: count() }).from(t.referral);
let server: BenchServer | undefined;
let failed = true;
try {
	say(`Starting the built app on ${dbPath} (${elapsed()})`);
	server = await startBenchServer(databaseUrl, logPath);
	let base = server.url;
	const floors = floorEndpoints();
	const pages = pageEndpoints(world);
	const all: Endpoint[] = [floors.read, floors.write, ...pages];

	// Each endpoint answers as it should (not a redirect to sign-in), and writes an audit row exactly when expected.
	// A page whose one request takes half a run would finish almost nothing under load, and its abandoned
	// requests would keep the server busy for minutes: it is timed alone instead (and misses its budget).
	const tooSlow = new Map<Endpoint, number>();
	for (const e of all) {
		const before = await auditHighWater();
		const ms = await probe(base, e, PROBE_TIMEOUT_MS);
		say(`${e.name}: one request ${ms === null ? `took over ${PROBE_TIMEOUT_MS / 1000} s` : `${Math.round(ms)} ms`} (${elapsed()})`);
		if (ms === null) {
			// Still working on it: a fresh server rather than one busy for who knows how long.
			tooSlow.set(e, Number.POSITIVE_INFINITY);
			await server.stop();
			server = await startBenchServer(databaseUrl, logPath);
			base = server.url;
			continue;
		}
		const audited = (await auditHighWater()) > before;
		if (audited !== e.audited) throw new Error(`${e.name} ${audited ? 'wrote' : 'did not write'} an audit row: the bench expected ${e.audited ? 'one' : 'none'}`);
		if (ms > (load.seconds * 1000) / 2) tooSlow.set(e, ms);
	}
	const loaded = all.filter((e) => !tooSlow.has(e));

	say(`Warming up (${warmup} s each, ${elapsed()})`);
	for (const e of loaded) {
		await hammer(base, e, { ...load, seconds: warmup });
		await settle(base);
	}
	const measured = new Map<Endpoint, Run[]>(loaded.map((e) => [e, []]));
	for (const [e, ms] of tooSlow) measured.set(e, [{ rps: 1000 / ms, p50: ms, p99: ms, completed: 1, bad: 0 }]);
	for (let r = 1; r <= runs; r++) {
		for (const e of loaded) {
			const run = await hammer(base, e, load);
			measured.get(e)?.push(run);
			say(`run ${r}/${runs} ${e.name}: ${Math.round(run.rps)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms${run.bad ? `, ${run.bad} bad responses` : ''} (${elapsed()})`);
			await settle(base);
		}
	}
	const median = (e: Endpoint) => medianOfRuns(measured.get(e) ?? []);
	const floorRuns: Record<FloorKind, Run> = { read: median(floors.read), write: median(floors.write) };
	const pageResults: PageResult[] = pages.map((e) => {
		const ms = tooSlow.get(e);
		const took = ms === Number.POSITIVE_INFINITY ? `over ${PROBE_TIMEOUT_MS / 1000} s` : `${((ms ?? 0) / 1000).toFixed(1)} s`;
		const note = ms === undefined ? undefined : `one request took ${took}, too slow to load-test; the figures are one request at a time`;
		return { name: e.name, role: e.role, floor: e.audited ? 'write' : 'read', run: median(e), note };
	});

	say(`Timing the reports in process, ${reportRuns} runs each (${elapsed()})`);
	// A report whose page took over PROBE_TIMEOUT_MS is not computed again here: it would hold the bench for as long.
	const inProcess = async (page: Endpoint | undefined, run: () => Promise<unknown>) =>
		page && tooSlow.get(page) === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : (await timeRuns(run, reportRuns, 30_000)).median;
	const byName = (name: string) => pages.find((e) => e.name === name);
	const timings: Timing[] = [
		{
			name: `Governor report (school with ${world.referrals.toLocaleString('en-GB')} referrals, this academic year)`,
			ms: await inProcess(byName('Governor report'), () => governorReport(world.governor.actor, world.schoolId, null)),
			limitMs: BUDGETS.governorReportMs
		},
		{
			name: 'Commissioner report (one service, this financial year)',
			ms: await inProcess(byName('Commissioner report'), () => serviceReport(world.commissioner.actor, { schoolId: null, kind: 'financial-year', period: null })),
			limitMs: BUDGETS.serviceReportMs
		},
		// The same reports with nothing kept (reports/kept.ts): what the first request after a change costs.
		{
			name: 'Governor report, computed afresh (nothing kept)',
			ms: await inProcess(byName('Governor report'), () => {
				forgetKeptReports();
				return governorReport(world.governor.actor, world.schoolId, null);
			}),
			limitMs: null
		},
		{
			name: 'Commissioner report, computed afresh (nothing kept)',
			ms: await inProcess(byName('Commissioner report'), () => {
				forgetKeptReports();
				return serviceReport(world.commissioner.actor, { schoolId: null, kind: 'financial-year', period: null });
			}),
			limitMs: null
		}
	];

	const jsPages: [string, string, string | null][] = [
		['Sign-in page', '/sign-in', null],
		['Referral form (pupil section)', `/referrals/${world.draftId}/section/pupil`, world.draftDsl.token],
		['Governor report', `/reports/school/${world.schoolId}`, world.governor.token]
	];
	const js: ClientJs[] = [];
	for (const [name, path, token] of jsPages) {
		const size = await pageAssets(base, path, token);
		js.push({ name: `${name} (client JS)`, files: size.jsFiles, bytes: size.jsBytes });
	}

	const checks: Check[] = [
		validRun(floors.read.name, floorRuns.read),
		validRun(floors.write.name, floorRuns.write),
		...pageResults.flatMap((p) => pageChecks(p, floorRuns)),
		...timings.flatMap((t) => (t.limitMs === null ? [] : [limitCheck(t.name, t.ms, t.limitMs, 'ms')])),
		...js.map((j) => limitCheck(j.name, j.bytes / 1024, BUDGETS.clientJsKb, 'KB gzipped'))
	];
	const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
	const header = [
		`Machine: ${availableParallelism()} cores (${cpu}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
		`Database: ${(referrals?.n ?? 0).toLocaleString('en-GB')} referrals, ${(statSync(dbPath).size / 1024 ** 3).toFixed(1)} GB.`,
		`Load: autocannon on loopback, ${load.connections} connections, ${runs} runs of ${load.seconds} s per page after a ${warmup} s warm-up; medians.`
	];
	const table = markdown({ floors: floorRuns, pages: pageResults, timings, js, checks });
	const output = `${header.join('\n')}\n\n${table}\n\nThe bench took ${elapsed()}.\n`;
	writeFileSync(resolve('data/bench/latest.md'), output);
	process.stdout.write(`\n${output}`);
	failed = checks.some((c) => !c.ok);
} finally {
	await server?.stop();
	await endSessions(world);
	await closeDatabase();
}
process.exit(failed ? 1 : 0);
