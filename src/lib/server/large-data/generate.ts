import { mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { Faker, en_GB, en, base } from '@faker-js/faker';
import * as schema from '../db/schema';
import { t } from '../db';
import { migrateUnderLock } from '../db/migrate';
import { hashPassword } from '../auth/password';
import { deleteDatabaseFile } from './files';
import { caseFront, type Front } from './case-front';
import type { CaseContext } from './context';
import { runProgrammes } from './case-back';
import { monthsBack, monthWeights, splitExactly, submissionTime } from './calendar';
import { writeMarker, type Marker } from './marker';
import { BENCH_PASSWORD, GENERATOR_VERSION, type LargeDataOptions } from './options';
import { Random } from './random';
import { statisticOf } from './statistic';
import { escalationStatisticRows } from '../statistics/escalation-rows';
import { writeWorld, type GenService } from './world';
import { RowWriter } from './writer';
import type { CaseRecord } from './case-record';

/**
 * Builds the large database (reports issue point 9; reused by the performance bench): a fresh libSQL
 * file with the real migrations, then services, schools, accounts and five years of referrals with
 * everything the app writes along a case's path, in bulk. Deterministic for a seed and an `until` day.
 * Writes to `<out>.partial` and renames at the end, so a half-built file is never mistaken for a whole one.
 */
export async function generateLargeData(o: LargeDataOptions, log: (line: string) => void = () => {}): Promise<Marker> {
	const started = Date.now();
	const partial = `${o.out}.partial`;
	mkdirSync(dirname(partial), { recursive: true });
	deleteDatabaseFile(partial);
	const client = createClient({ url: `file:${partial}` });
	const db = drizzle(client, { schema, casing: 'snake_case' });
	await migrateUnderLock(client, db);
	// A bulk load: no journal or fsync while loading, foreign keys checked by the test afterwards.
	for (const pragma of ['journal_mode = OFF', 'synchronous = OFF', 'foreign_keys = OFF', 'cache_size = -200000', 'temp_store = MEMORY']) await client.execute(`PRAGMA ${pragma}`);
	const w = new RowWriter(client);
	const r = new Random(o.seed);
	const faker = new Faker({ locale: [en_GB, en, base] });
	faker.seed(r.seed());
	const now = new Date(`${o.until}T12:00:00Z`);
	const months = monthsBack(o.until, o.years);
	const created = new Date(Date.UTC((months[0]?.year ?? 2020) - 1, 7, 1));
	const services = await writeWorld(w, r, faker, o, await hashPassword(BENCH_PASSWORD), months[0]?.year ?? 2020, created);
	log(`Services, schools and accounts written (${services.reduce((n, s) => n + s.schools.length, 0)} schools)`);

	const perMonth = splitExactly(o.referrals, monthWeights(months, Number(o.until.slice(8, 10))));
	let done = 0;
	for (const [mi, m] of months.entries()) {
		const perService = splitExactly(perMonth[mi] ?? 0, services.map(() => 0.7 + r.next() * 0.6));
		for (const [si, service] of services.entries()) {
			writeUnit(w, r, faker, service, m, perService[si] ?? 0, now);
			await w.maybeFlush();
		}
		done += perMonth[mi] ?? 0;
		if (mi % 6 === 5 || mi === months.length - 1) log(`${m.year}-${String(m.month).padStart(2, '0')}: ${done.toLocaleString('en-GB')} referrals (${Math.round((100 * done) / o.referrals)}%) in ${Math.round((Date.now() - started) / 1000)} s, ${memory()}`);
	}
	await w.flush();
	log('Analysing and switching to WAL');
	await client.execute('ANALYZE');
	await client.execute('PRAGMA journal_mode = WAL');
	client.close();
	deleteDatabaseFile(o.out);
	renameSync(partial, o.out);
	const marker: Marker = { generatorVersion: GENERATOR_VERSION, options: o, rows: w.counts, seconds: Math.round((Date.now() - started) / 100) / 10, bytes: statSync(o.out).size };
	writeMarker(marker);
	return marker;
}

function memory(): string {
	const m = process.memoryUsage();
	return `heap ${Math.round(m.heapUsed / 1e6)} MB, rss ${Math.round(m.rss / 1e6)} MB`;
}

function pickSchool(r: Random, service: GenService) {
	const total = service.schools.reduce((n, s) => n + s.weight, 0);
	let x = r.next() * total;
	for (const s of service.schools) if ((x -= s.weight) < 0) return s;
	return service.schools[service.schools.length - 1] as GenService['schools'][number];
}

/** One service's referrals submitted in one month, with the sessions their programmes share. */
function writeUnit(w: RowWriter, r: Random, faker: Faker, service: GenService, m: { year: number; month: number }, count: number, now: Date): void {
	const lastDay = new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();
	const fronts: Front[] = [];
	const contexts = new Map<Front, CaseContext>();
	for (let i = 0; i < count; i++) {
		const school = pickSchool(r, service);
		const ctx: CaseContext = { r, faker, now, service, school };
		const submittedAt = submissionTime(r, m, lastDay, service.holidays, now);
		// Drafts are recent: a school finishes or abandons one within weeks.
		const draft = now.getTime() - submittedAt.getTime() < 30 * 86_400_000 && r.chance(0.08);
		const front = caseFront(ctx, submittedAt, draft);
		fronts.push(front);
		contexts.set(front, ctx);
	}
	runProgrammes((f) => contexts.get(f) as CaseContext, fronts, w);
	for (const f of fronts) writeCase(w, r, f.record, now);
}

function writeCase(w: RowWriter, r: Random, c: CaseRecord, now: Date): void {
	const statistic = statisticOf(c, now);
	const statisticId = statistic ? r.id() : null;
	w.add(t.referral, { ...c.referral, statisticId });
	if (statistic && statisticId) {
		w.add(t.referralStatistic, { id: statisticId, ...statistic });
		w.addAll(t.escalationStatistic, escalationStatisticRows(c.escalations, { id: statisticId, serviceId: statistic.serviceId, schoolId: statistic.schoolId, submittedOn: statistic.submittedOn ?? null }, () => r.id()));
	}
	w.addAll(t.referralSection, c.sections);
	w.addAll(t.consent, c.consents);
	w.addAll(t.caseEvent, c.events);
	w.addAll(t.caseTimer, c.timers);
	w.addAll(t.triage, c.triage);
	w.addAll(t.escalation, c.escalations);
	w.addAll(t.countersign, c.countersigns);
	if (c.assessment) w.add(t.assessment, c.assessment);
	w.addAll(t.goal, c.goals);
	w.addAll(t.supportSessionAttendee, c.attendance.map(({ date: _date, cancelled: _cancelled, ...row }) => row));
	w.addAll(t.caseReview, c.reviews);
	if (c.outcome) w.add(t.caseOutcome, c.outcome);
	w.addAll(t.certificate, c.certificates);
	w.addAll(t.onwardReferral, c.onward);
	w.addAll(t.followUp, c.followUps);
	w.addAll(t.auditEvent, c.audits);
}
