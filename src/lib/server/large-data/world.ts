import type { Faker } from '@faker-js/faker';
import type { Role } from '$lib/roles';
import { t } from '../db';
import { BANK_HOLIDAYS } from '../settings/bank-holidays';
import { DEFAULT_MODULES } from '../settings/defaults';
import { EARLIER_BANK_HOLIDAYS } from './holidays';
import type { LargeDataOptions } from './options';
import type { Random } from './random';
import type { RowWriter } from './writer';

export interface GenSchool {
	id: string;
	serviceId: string;
	index: number;
	college: boolean;
	/** Relative referral rate: some schools refer far more than others. */
	weight: number;
	users: { dsl: string; deputy: string | null; governor: string };
}

export interface GenService {
	id: string;
	index: number;
	schools: GenSchool[];
	youthWorkers: string[];
	seniors: string[];
	admins: string[];
	commissioners: string[];
	moduleIds: string[];
	moduleSetId: string;
	twelveMonths: boolean;
	holidays: ReadonlySet<string>;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const SCHOOL_KINDS = [
	{ type: 'Academy', phase: 'Secondary', suffix: 'Academy', weight: 45 },
	{ type: 'Local authority maintained', phase: 'Secondary', suffix: 'School', weight: 20 },
	{ type: 'Free school', phase: 'All-through', suffix: 'High School', weight: 8 },
	{ type: 'Further education college', phase: '16 plus', suffix: 'College', weight: 10 },
	{ type: 'Sixth form college', phase: '16 plus', suffix: 'Sixth Form College', weight: 5 },
	{ type: 'Pupil referral unit / alternative provision', phase: 'Alternative provision', suffix: 'Learning Centre', weight: 7 },
	{ type: 'Special school', phase: 'Special', suffix: 'Special School', weight: 5 }
] as const;

/** First weekday on or after an ISO date. */
function weekdayFrom(year: number, month: number, day: number): string {
	const d = new Date(Date.UTC(year, month - 1, day));
	while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

export function termDates(year: number) {
	return [
		{ term: 'autumn', startsOn: weekdayFrom(year, 9, 3), endsOn: weekdayFrom(year, 12, 18) },
		{ term: 'spring', startsOn: weekdayFrom(year + 1, 1, 5), endsOn: weekdayFrom(year + 1, 3, 27) },
		{ term: 'summer', startsOn: weekdayFrom(year + 1, 4, 13), endsOn: weekdayFrom(year + 1, 7, 21) }
	];
}

/**
 * Services, schools, accounts and settings: what `createService` + seedServiceDefaults, the admin's
 * school and user pages, the term-date and roll settings would have written. Ids come from the
 * seeded source (not newId) so the file is repeatable.
 */
export async function writeWorld(w: RowWriter, r: Random, faker: Faker, o: LargeDataOptions, passwordHash: string, firstYear: number, created: Date): Promise<GenService[]> {
	const services: GenService[] = [];
	const lastYear = Number(o.until.slice(0, 4));
	let schoolIndex = 0;
	const user = (email: string, role: Role, serviceId: string, schoolId: string | null, senior = false) => {
		const id = r.id();
		w.add(t.user, { id, email, displayName: `${faker.person.firstName()} ${faker.person.lastName()}`, passwordHash, passwordChangedAt: created, active: true, senior, createdAt: created });
		w.add(t.membership, { id: r.id(), userId: id, role, serviceId, schoolId, createdAt: created });
		return id;
	};
	for (let s = 0; s < o.services; s++) {
		const id = r.id();
		const tag = `s${pad(s + 1, 2)}`;
		w.add(t.service, { id, name: `Large Data Diversion Service ${pad(s + 1, 2)}`, createdAt: created });
		const moduleSetId = r.id();
		w.add(t.moduleSet, { id: moduleSetId, serviceId: id, createdAt: created, createdBy: null });
		const moduleIds: string[] = [];
		for (const [position, module] of DEFAULT_MODULES.entries()) {
			const moduleId = r.id();
			moduleIds.push(moduleId);
			w.add(t.programmeModule, { id: moduleId, moduleSetId, position, title: module.title, core: module.core });
		}
		// The default list starts in 2024; five years back needs the earlier ones, as an admin would add them.
		const holidays = [...EARLIER_BANK_HOLIDAYS, ...BANK_HOLIDAYS];
		for (const h of holidays) w.add(t.bankHoliday, { serviceId: id, date: h.date, name: h.name });
		const twelveMonths = s % 2 === 1;
		if (twelveMonths) w.add(t.setting, { serviceId: id, key: 'followUp', value: JSON.stringify({ twelveMonths: true, notReturnedWorkingDays: 30 }), version: 1, updatedAt: created, updatedBy: null });
		for (let y = firstYear - 1; y <= lastYear; y++) {
			for (const term of termDates(y)) w.add(t.termDate, { id: r.id(), serviceId: id, academicYear: y, ...term, createdAt: created });
		}
		const authorities = Array.from({ length: r.int(2, 4) }, () => `${faker.location.city()} Council (large data)`).filter((v, i, a) => a.indexOf(v) === i);
		for (const [i, la] of authorities.entries()) {
			const base = (s * 20 + i * 5) % 995;
			const tel = (k: number) => `01632 960${pad(base + k, 3)}`;
			w.add(t.localContact, { id: r.id(), serviceId: id, localAuthority: la, mashPhone: tel(0), emergencyDutyPhone: tel(1), policeNonEmergencyPhone: tel(2), yotPhone: tel(3), camhsCrisisPhone: tel(4), version: 1 });
		}
		const service: GenService = { id, index: s, schools: [], youthWorkers: [], seniors: [], admins: [], commissioners: [], moduleIds, moduleSetId, twelveMonths, holidays: new Set(holidays.map((h) => h.date)) };
		const count = Math.floor(o.schools / o.services) + (s < o.schools % o.services ? 1 : 0);
		for (let k = 0; k < count; k++) {
			const schoolId = r.id();
			schoolIndex++;
			const kind = SCHOOL_KINDS[Number(r.weighted(Object.fromEntries(SCHOOL_KINDS.map((c, i) => [String(i), c.weight]))))] ?? SCHOOL_KINDS[0];
			const stag = `${tag}.sch${pad(k + 1, 4)}`;
			w.add(t.school, {
				id: schoolId,
				serviceId: id,
				name: `${faker.location.city()} ${kind.suffix}`,
				urn: String(900000 + schoolIndex).padStart(6, '0'),
				type: kind.type,
				phase: kind.phase,
				localAuthority: r.pick(authorities),
				active: true,
				version: 1,
				createdAt: created
			});
			const roll = kind.phase === '16 plus' ? r.int(900, 3000) : kind.phase === 'Special' || kind.phase === 'Alternative provision' ? r.int(40, 250) : r.int(500, 1800);
			writeRoll(w, r, { schoolId, serviceId: id, roll, college: kind.phase === '16 plus' }, firstYear, lastYear);
			const users = {
				dsl: user(`${stag}.dsl@large-data.example.org`, 'dsl', id, schoolId),
				deputy: r.chance(0.5) ? user(`${stag}.deputy@large-data.example.org`, 'deputy_dsl', id, schoolId) : null,
				governor: user(`${stag}.governor@large-data.example.org`, 'governor', id, schoolId)
			};
			service.schools.push({ id: schoolId, serviceId: id, index: schoolIndex, college: kind.phase === '16 plus', weight: 0.3 + r.next() * r.next() * 4, users });
		}
		const perYear = o.referrals / o.years / o.services;
		const workers = Math.max(2, Math.round(perYear / 160));
		for (let k = 0; k < workers; k++) {
			const senior = k < Math.max(1, Math.round(workers / 5));
			const uid = user(`${tag}.youthworker${k + 1}@large-data.example.org`, 'youth_worker', id, null, senior);
			service.youthWorkers.push(uid);
			if (senior) service.seniors.push(uid);
		}
		for (let k = 0; k < 2; k++) service.admins.push(user(`${tag}.admin${k + 1}@large-data.example.org`, 'provider_admin', id, null));
		for (let k = 0; k < 2; k++) service.commissioners.push(user(`${tag}.commissioner${k + 1}@large-data.example.org`, 'commissioner', id, null));
		services.push(service);
	}
	return services;
}

function writeRoll(w: RowWriter, r: Random, s: { schoolId: string; serviceId: string; roll: number; college: boolean }, firstYear: number, lastYear: number) {
	const split = (weights: Record<string, number>, total: number) => {
		const sum = Object.values(weights).reduce((a, b) => a + b, 0);
		const out = Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, Math.floor((total * v) / sum)]));
		const first = Object.keys(out)[0] as string;
		out[first] = (out[first] ?? 0) + total - Object.values(out).reduce((a, b) => a + b, 0);
		return out;
	};
	for (let y = firstYear - 1; y <= lastYear; y++) {
		const n = Math.round(s.roll * (0.95 + r.next() * 0.1));
		const years: Record<string, number> = s.college ? { '12': 50, '13': 50 } : { '7': 20, '8': 20, '9': 20, '10': 20, '11': 20 };
		const counts: Record<string, Record<string, number>> = {
			ethnicity: split({ white: 70, mixed: 6, asian: 12, black: 6, chinese: 1, other: 3, unclassified: 2 }, n),
			sen: split({ N: 83, K: 13, E: 4 }, n),
			fsm: split({ Y: 25, N: 75 }, n),
			care: split({ neither: 96, 'looked-after': 1, 'cin-cp': 3 }, n),
			sex: split({ M: 51, F: 49 }, n),
			yearGroup: split(years, n)
		};
		for (const [characteristic, groups] of Object.entries(counts)) {
			for (const [groupCode, count] of Object.entries(groups)) w.add(t.schoolRoll, { schoolId: s.schoolId, serviceId: s.serviceId, academicYear: y, characteristic, groupCode, count });
		}
	}
}
