import { t, type Tx } from '../db';
import { newId } from '../util/ids';
import { BANK_HOLIDAYS } from './bank-holidays';

/** The default core modules (DOMAIN.md §3 step 6). */
export const DEFAULT_MODULES = [
	{ title: 'Drug-specific harm reduction advice', core: true },
	{ title: 'Economic and lifestyle impact of drug use', core: true },
	{ title: 'Tailored individual advice and support', core: true }
] as const;

/** What a new service starts with: the default module set and the England and Wales bank holidays. */
export async function seedServiceDefaults(tx: Tx, serviceId: string, now = new Date()): Promise<void> {
	const moduleSetId = newId();
	await tx.insert(t.moduleSet).values({ id: moduleSetId, serviceId, createdAt: now, createdBy: null });
	for (const [position, module] of DEFAULT_MODULES.entries()) {
		await tx.insert(t.programmeModule).values({ id: newId(), moduleSetId, position, title: module.title, core: module.core });
	}
	for (const holiday of BANK_HOLIDAYS) {
		await tx.insert(t.bankHoliday).values({ serviceId, date: holiday.date, name: holiday.name });
	}
}
