// The app's data layer writing until it is killed, for the crash-safety test. It loads, says
// "loaded" and waits for "go" on stdin (so the test can start the next writer while the previous one
// is still writing), then opens the database named by DATABASE_URL as the app does, says "ready",
// and adds one bank holiday after another through the settings domain function (the change and its
// audit row in one transaction), saying "ack <date>" after each commit.
import { once } from 'node:events';
import { and, eq, gte, max } from 'drizzle-orm';
import type { Actor } from '../../src/lib/server/auth/actor';
import { db, startDatabase, t } from '../../src/lib/server/db';
import { addBankHoliday } from '../../src/lib/server/settings/calendar';

/** The crash test's days start here (the test says where), far from any real bank holiday. */
const FIRST_DAY = process.env.CRASH_FIRST_DAY ?? '2200-01-01';
const DAY_MS = 86_400_000;

const actor = JSON.parse(process.env.CRASH_ACTOR ?? 'null') as Actor;
process.stdout.write('loaded\n');
await once(process.stdin, 'data');

await startDatabase(process.env);
const [row] = await db()
	.select({ last: max(t.bankHoliday.date) })
	.from(t.bankHoliday)
	.where(and(eq(t.bankHoliday.serviceId, actor.serviceId), gte(t.bankHoliday.date, FIRST_DAY)));
// Carries on after the last committed day, acknowledged or not (a kill can fall between the two).
let day = row?.last ? Date.parse(row.last) + DAY_MS : Date.parse(FIRST_DAY);
process.stdout.write('ready\n');

for (;;) {
	const date = new Date(day).toISOString().slice(0, 10);
	const result = await addBankHoliday(actor, { date, name: 'Crash test day' });
	if (!result.ok) throw new Error(`Refused ${date}: ${result.messages.join('; ')}`);
	// A pipe write on Linux is synchronous: once this returns, the line survives a SIGKILL.
	process.stdout.write(`ack ${date}\n`);
	day += DAY_MS;
}
