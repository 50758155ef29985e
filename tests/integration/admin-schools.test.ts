import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { formatAcademicYear, ROLL_FIELDS, rollSchema, type SchoolFields } from '$lib/schemas/admin-schools';
import { createSchool, listSchools, SCHOOL_STALE, setSchoolActive, updateSchool, URN_TAKEN, viewSchool } from '$lib/server/admin/schools';
import { parseAcademicYear, rollYears, saveRoll, viewRoll } from '$lib/server/admin/school-roll';
import { db, t } from '$lib/server/db';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const admin = (s: 0 | 1) => world.services[s].actors.provider_admin;

async function auditCount(action?: string): Promise<number> {
	const [row] = await db()
		.select({ n: count() })
		.from(t.auditEvent)
		.where(action ? eq(t.auditEvent.action, action) : undefined);
	return row?.n ?? 0;
}

async function schoolRow(id: string) {
	const [row] = await db().select().from(t.school).where(eq(t.school.id, id));
	return row;
}

function school(overrides: Partial<SchoolFields> = {}): SchoolFields {
	return { name: 'Riverside Academy', urn: '140001', type: 'Academy', phase: 'Secondary', localAuthority: 'Riverside', ...overrides };
}

describe('schools', () => {
	it('lists only the schools of the admin’s own service, and audits the list once', async () => {
		const before = await auditCount('school.list');
		const names = (await listSchools(admin(0))).map((s) => s.name);
		expect(names).toEqual(['Test School 1.1', 'Test School 1.2']);
		expect(await auditCount('school.list')).toBe(before + 1);
	});

	it('adds a school with its audit row in the same transaction', async () => {
		const before = await auditCount();
		const result = await createSchool(admin(0), school({ name: 'Added College', urn: '140002' }));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const row = await schoolRow(result.schoolId);
		expect(row).toMatchObject({ serviceId: world.services[0].id, name: 'Added College', urn: '140002', active: true, version: 1 });
		expect(await auditCount()).toBe(before + 1);
		const [audit] = await db().select().from(t.auditEvent).where(and(eq(t.auditEvent.action, 'school.created'), eq(t.auditEvent.recordId, result.schoolId)));
		expect(audit?.actorUserId).toBe(admin(0).userId);
	});

	it('refuses a URN already used in the same service, writing nothing', async () => {
		const before = await auditCount();
		const result = await createSchool(admin(0), school({ urn: '911000' }));
		expect(result).toEqual({ ok: false, field: 'urn', message: URN_TAKEN });
		expect(await auditCount()).toBe(before);
	});

	it('allows the same URN in another service', async () => {
		const result = await createSchool(admin(1), school({ name: 'Shared URN School', urn: '911000' }));
		expect(result.ok).toBe(true);
	});

	it('answers not found for another service’s school, and audits no view', async () => {
		const other = world.services[1].schools[0].id;
		const before = await auditCount();
		expect(await viewSchool(admin(0), other)).toBeNull();
		expect(await setSchoolActive(admin(0), other, false)).toBe(false);
		expect(await updateSchool(admin(0), other, { ...school({ urn: '140009' }), version: 1 })).toEqual({ ok: false, reason: 'not-found' });
		expect(await saveRoll(admin(0), other, 2025, { ethnicity_white: '10' })).toBe(false);
		expect(await viewRoll(admin(0), other, 2025)).toBeNull();
		expect(await auditCount()).toBe(before);
		expect(await schoolRow(other)).toMatchObject({ name: 'Test School 2.1', active: true, version: 1 });
	});

	it('audits each view of a school’s page', async () => {
		const id = world.services[0].schools[0].id;
		const before = await auditCount('school.viewed');
		expect((await viewSchool(admin(0), id))?.name).toBe('Test School 1.1');
		expect(await auditCount('school.viewed')).toBe(before + 1);
	});

	it('refuses a stale edit and keeps the other person’s change', async () => {
		const created = await createSchool(admin(0), school({ name: 'Versioned School', urn: '140003' }));
		if (!created.ok) throw new Error('setup failed');
		const first = await updateSchool(admin(0), created.schoolId, { ...school({ name: 'First Save', urn: '140003' }), version: 1 });
		expect(first).toEqual({ ok: true });
		const before = await auditCount();
		const stale = await updateSchool(admin(0), created.schoolId, { ...school({ name: 'Second Save', urn: '140003' }), version: 1 });
		expect(stale).toMatchObject({ ok: false, reason: 'stale', message: SCHOOL_STALE, current: { name: 'First Save', version: 2 } });
		expect(await schoolRow(created.schoolId)).toMatchObject({ name: 'First Save', version: 2 });
		expect(await auditCount()).toBe(before);
	});

	it('refuses an edit to a URN another school in the service holds', async () => {
		const id = world.services[0].schools[1].id;
		const result = await updateSchool(admin(0), id, { ...school({ name: 'Test School 1.2', urn: '911000' }), version: 1 });
		expect(result).toEqual({ ok: false, reason: 'urn-taken', message: URN_TAKEN });
		expect(await schoolRow(id)).toMatchObject({ urn: '912000', version: 1 });
	});

	it('deactivates and reactivates a school, auditing each', async () => {
		const created = await createSchool(admin(0), school({ name: 'Closing School', urn: '140004' }));
		if (!created.ok) throw new Error('setup failed');
		expect(await setSchoolActive(admin(0), created.schoolId, false)).toBe(true);
		expect((await schoolRow(created.schoolId))?.active).toBe(false);
		expect(await setSchoolActive(admin(0), created.schoolId, true)).toBe(true);
		expect((await schoolRow(created.schoolId))?.active).toBe(true);
		const actions = await db().select({ action: t.auditEvent.action }).from(t.auditEvent).where(eq(t.auditEvent.recordId, created.schoolId));
		expect(actions.map((a) => a.action)).toEqual(['school.created', 'school.deactivated', 'school.reactivated']);
	});
});

describe('numbers on roll', () => {
	const values = (entries: Record<string, string>) => Object.fromEntries(ROLL_FIELDS.map((f) => [f.name, entries[f.name] ?? '']));

	it('saves a year’s numbers and shows them on return, blank meaning not entered', async () => {
		const id = world.services[0].schools[0].id;
		const before = await auditCount('school.roll-saved');
		expect(await saveRoll(admin(0), id, 2025, values({ ethnicity_white: '812', ethnicity_black: '1,204', sen_K: '0', yearGroup_7: '180' }))).toBe(true);
		expect(await auditCount('school.roll-saved')).toBe(before + 1);
		const roll = await viewRoll(admin(0), id, 2025);
		expect(roll?.label).toBe('2025/26');
		expect(roll?.values).toMatchObject({ ethnicity_white: '812', ethnicity_black: '1204', sen_K: '0', yearGroup_7: '180', ethnicity_mixed: '', fsm_Y: '' });
		const stored = await db().select().from(t.schoolRoll).where(and(eq(t.schoolRoll.schoolId, id), eq(t.schoolRoll.academicYear, 2025)));
		expect(stored).toHaveLength(4);
		expect(stored.every((row) => row.serviceId === world.services[0].id)).toBe(true);
	});

	it('replaces saved numbers and removes one left blank', async () => {
		const id = world.services[0].schools[0].id;
		await saveRoll(admin(0), id, 2025, values({ ethnicity_white: '800', sex_F: '400' }));
		const roll = await viewRoll(admin(0), id, 2025);
		expect(roll?.values).toMatchObject({ ethnicity_white: '800', sex_F: '400', ethnicity_black: '', yearGroup_7: '' });
		const years = await rollYears(admin(0), id, new Date('2026-10-01'));
		expect(years.slice(0, 3)).toEqual([
			{ year: 2026, label: '2026/27', entered: 0 },
			{ year: 2025, label: '2025/26', entered: 2 },
			{ year: 2024, label: '2024/25', entered: 0 }
		]);
	});

	it('refuses counts that are not whole numbers from 0 to 10,000', () => {
		const check = (value: string) => rollSchema.safeParse(values({ sex_M: value })).success;
		expect(check('')).toBe(true);
		expect(check('10000')).toBe(true);
		expect(check('10,000')).toBe(true);
		expect(check('10001')).toBe(false);
		expect(check('-1')).toBe(false);
		expect(check('2.5')).toBe(false);
		expect(check('twelve')).toBe(false);
	});

	it('refuses to store numbers that were not validated', async () => {
		await expect(saveRoll(admin(0), world.services[0].schools[0].id, 2025, values({ sex_M: '20000' }))).rejects.toThrow();
	});

	it('names academic years by the year they start, from 2000 to next year', () => {
		expect(formatAcademicYear(2026)).toBe('2026/27');
		expect(formatAcademicYear(1999)).toBe('1999/00');
		const now = new Date('2026-03-01');
		expect(parseAcademicYear('2026', now)).toBe(2026);
		expect(parseAcademicYear('2027', now)).toBeNull();
		expect(parseAcademicYear('1999', now)).toBeNull();
		expect(parseAcademicYear('2025x', now)).toBeNull();
	});
});
