/**
 * `npm run report-times [-- --runs 5]`: how long the governor report (one school) and the service
 * report (one whole service) take to compute on the database DATABASE_URL names (the demo's, or the
 * large one from `npm run data:large`), median of several runs after a warm-up: served (a report
 * kept since nothing it reads has changed, reports/kept.ts) and computed afresh (nothing kept, as
 * after a change). Reports are computed as a signed-in admin of the busiest service would see them;
 * audit rows are written as usual.
 */
import { timeRuns } from './lib/bench/timing';
import { ensureKitPaths } from './lib/kit';

await ensureKitPaths();
const { startDatabase, db, closeDatabase, t } = await import('../src/lib/server/db');
const { governorReport } = await import('../src/lib/server/reports/governor/report');
const { serviceReport } = await import('../src/lib/server/reports/service/report');
const { forgetKeptReports } = await import('../src/lib/server/reports/kept');
const { desc, eq, count } = await import('drizzle-orm');

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] ?? 5) || 5;
await startDatabase(process.env);
const [busiest] = await db()
	.select({ serviceId: t.referralStatistic.serviceId, schoolId: t.referralStatistic.schoolId, n: count() })
	.from(t.referralStatistic)
	.groupBy(t.referralStatistic.schoolId)
	.orderBy(desc(count()))
	.limit(1);
if (!busiest) throw new Error('No statistics rows: seed the demo or build the large database first');
const [admin] = await db()
	.select({ userId: t.membership.userId })
	.from(t.membership)
	.where(eq(t.membership.serviceId, busiest.serviceId))
	.limit(1);
const actor = { userId: admin?.userId ?? '', role: 'provider_admin' as const, serviceId: busiest.serviceId, schoolId: null, senior: false, sessionId: 'report-times', mfaVerifiedAt: new Date(), mfaEnrolled: true, address: '127.0.0.1' };
const [schools] = await db().select({ n: count() }).from(t.school).where(eq(t.school.serviceId, busiest.serviceId));
const [referrals] = await db().select({ n: count() }).from(t.referralStatistic).where(eq(t.referralStatistic.serviceId, busiest.serviceId));

async function time(label: string, run: () => Promise<unknown>): Promise<void> {
	const { median, min, max } = await timeRuns(run, runs);
	console.log(`${label}: median ${median.toFixed(1)} ms (min ${min.toFixed(1)}, max ${max.toFixed(1)}, ${runs} runs)`);
}

console.log(`Service with ${schools?.n} schools and ${referrals?.n} referrals; busiest school has ${busiest.n}.`);
const governor = () => governorReport(actor, busiest.schoolId, null);
const service = () => serviceReport(actor, { schoolId: null, kind: 'financial-year', period: null });
const afresh = (run: () => Promise<unknown>) => () => {
	forgetKeptReports();
	return run();
};
await time('Governor report, busiest school, current academic year, served', governor);
await time('Governor report, computed afresh', afresh(governor));
await time('Service report, whole service, current financial year, served', service);
await time('Service report, computed afresh', afresh(service));
await closeDatabase();
