import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable } from '../db';
import { assertCanEditSettings, invalid, type SaveResult } from './save-result';

export interface BankHoliday {
	date: string;
	name: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The service's bank holidays, oldest first. */
export async function listBankHolidays(q: Queryable, serviceId: string): Promise<BankHoliday[]> {
	return q
		.select({ date: t.bankHoliday.date, name: t.bankHoliday.name })
		.from(t.bankHoliday)
		.where(eq(t.bankHoliday.serviceId, serviceId))
		.orderBy(asc(t.bankHoliday.date));
}

/**
 * The dates that are not working days besides weekends, sorted: the one input the working-days rule
 * needs when a timer starts (DOMAIN.md §3, "Timers").
 */
export async function workingDayCalendar(q: Queryable, serviceId: string): Promise<string[]> {
	return (await listBankHolidays(q, serviceId)).map((holiday) => holiday.date);
}

export async function addBankHoliday(actor: Actor, holiday: BankHoliday): Promise<SaveResult> {
	assertCanEditSettings(actor);
	const name = holiday.name.trim();
	if (!ISO_DATE.test(holiday.date)) return invalid(['Enter a real date']);
	if (name === '' || name.length > 80) return invalid(['Enter a name of 80 characters or fewer']);
	return db().transaction(async (tx) => {
		const [existing] = await tx
			.select({ date: t.bankHoliday.date })
			.from(t.bankHoliday)
			.where(and(eq(t.bankHoliday.serviceId, actor.serviceId), eq(t.bankHoliday.date, holiday.date)));
		if (existing) return invalid(['There is already a bank holiday on that date']);
		await tx.insert(t.bankHoliday).values({ serviceId: actor.serviceId, date: holiday.date, name });
		await recordAudit(tx, actor, { action: 'settings.changed', recordType: 'bank_holiday', recordId: holiday.date, detail: { key: 'bankHolidays', change: 'added' } });
		return { ok: true } as const;
	});
}

/** Removes one bank holiday; false when the service has none on that date. */
export async function removeBankHoliday(actor: Actor, date: string): Promise<boolean> {
	assertCanEditSettings(actor);
	return db().transaction(async (tx) => {
		const removed = await tx
			.delete(t.bankHoliday)
			.where(and(eq(t.bankHoliday.serviceId, actor.serviceId), eq(t.bankHoliday.date, date)))
			.returning({ date: t.bankHoliday.date });
		if (removed.length === 0) return false;
		await recordAudit(tx, actor, { action: 'settings.changed', recordType: 'bank_holiday', recordId: date, detail: { key: 'bankHolidays', change: 'removed' } });
		return true;
	});
}
