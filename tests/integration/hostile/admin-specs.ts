import { eq, sql } from 'drizzle-orm';
import { PHONE_FIELDS, bankHolidaySchema, eligibilitySchema, localContactSchema, mfaSchema, moduleSetSchema, programmeNameSchema, removeBankHolidaySchema, slasSchema, smallNumbersSchema, termDatesSchema, unitCostsSchema } from '$lib/schemas/admin-settings';
import { rollSchema, schoolEditSchema, schoolSchema } from '$lib/schemas/admin-schools';
import { changeRoleSchema, newUserSchema } from '$lib/schemas/admin-users';
import { createSchool } from '$lib/server/admin/schools';
import { db, t } from '$lib/server/db';
import { addBankHoliday } from '$lib/server/settings/calendar';
import { insertUser } from '$lib/server/tenancy/provision';
import * as newSchool from '../../../src/routes/(app)/admin/schools/new/+page.server';
import * as school from '../../../src/routes/(app)/admin/schools/[id]/+page.server';
import * as editSchool from '../../../src/routes/(app)/admin/schools/[id]/edit/+page.server';
import * as roll from '../../../src/routes/(app)/admin/schools/[id]/roll/[year]/+page.server';
import * as bankHolidays from '../../../src/routes/(app)/admin/settings/bank-holidays/+page.server';
import * as eligibility from '../../../src/routes/(app)/admin/settings/eligibility/+page.server';
import * as localNumbers from '../../../src/routes/(app)/admin/settings/local-numbers/edit/+page.server';
import * as mfa from '../../../src/routes/(app)/admin/settings/mfa/+page.server';
import * as modules from '../../../src/routes/(app)/admin/settings/modules/+page.server';
import * as programmeName from '../../../src/routes/(app)/admin/settings/programme-name/+page.server';
import * as slas from '../../../src/routes/(app)/admin/settings/slas/+page.server';
import * as smallNumbers from '../../../src/routes/(app)/admin/settings/small-numbers/+page.server';
import * as termDates from '../../../src/routes/(app)/admin/settings/term-dates/[year]/+page.server';
import * as unitCosts from '../../../src/routes/(app)/admin/settings/unit-costs/+page.server';
import * as user from '../../../src/routes/(app)/admin/users/[id]/+page.server';
import * as deactivate from '../../../src/routes/(app)/admin/users/[id]/deactivate/+page.server';
import * as resetMfa from '../../../src/routes/(app)/admin/users/[id]/reset-mfa/+page.server';
import * as role from '../../../src/routes/(app)/admin/users/[id]/role/+page.server';
import * as newUser from '../../../src/routes/(app)/admin/users/new/+page.server';
import { fieldsOf, type ActionSpec } from '../../helpers/hostile-run';
import type { HostileWorld } from '../../helpers/hostile-world';
import { formFromLoad, latest, s1 } from './fixtures';

type Load = (event: never) => unknown;

/** The provider admin's forms: schools, their rolls, every setting, and users. */
export function adminSpecs(w: () => HostileWorld): ActionSpec[] {
	let counter = 0;
	const next = () => ++counter;
	const serviceId = () => s1(w()).id;
	const aSchool = async () => {
		const result = await createSchool(s1(w()).actors.provider_admin, { name: `Hostile School ${next()}`, urn: String(700000 + next()), type: 'Academy', phase: 'Secondary', localAuthority: 'Test Borough 1' });
		if (!result.ok) throw new Error('no school');
		return result.schoolId;
	};
	let edited: Promise<string> | null = null;
	const aUser = () =>
		db().transaction((tx) => insertUser(tx, { email: `spare.${next()}@test.example`, displayName: 'Spare youth worker', role: 'youth_worker', serviceId: serviceId(), schoolId: null }));
	let roleUser: Promise<string> | null = null;
	/** A date with no bank holiday yet: hostile posts into the date fields add holidays on days of their own. */
	const freeDate = async () => {
		const taken = new Set((await db().select({ date: t.bankHoliday.date }).from(t.bankHoliday).where(eq(t.bankHoliday.serviceId, serviceId()))).map((h) => h.date));
		let date = '';
		do date = new Date(Date.UTC(2031, 0, 1) + next() * 86_400_000).toISOString().slice(0, 10);
		while (taken.has(date));
		return date;
	};
	const settingsRead = () => db().select().from(t.setting).where(eq(t.setting.serviceId, serviceId()));
	/** A settings page: its form as loaded, saved back with one field hostile at a time. */
	const setting = (
		path: string,
		route: string,
		module: { load: Load; actions: Record<string, unknown> },
		fields: Record<string, number | null>,
		options: { text?: string[]; params?: Record<string, string>; read?: () => Promise<unknown>; form?: () => Record<string, string>; refuses?: ActionSpec['refuses'] } = {}
	): ActionSpec => ({
		route,
		action: 'default',
		handler: module.actions.default as ActionSpec['handler'],
		as: () => w().admin,
		fields,
		text: options.text ?? [],
		refuses: options.refuses,
		target: async () => ({
			path,
			params: options.params ?? {},
			form: { ...(await formFromLoad(module.load, path, options.params ?? {}, w().admin)), ...options.form?.() },
			read: options.read ?? settingsRead
		})
	});
	const noFields = (route: string, action: string, handler: unknown, make: () => Promise<{ path: string; params: Record<string, string> }>): ActionSpec => ({
		route,
		action,
		handler: handler as ActionSpec['handler'],
		as: () => w().admin,
		fields: {},
		target: async () => ({ ...(await make()), form: {} })
	});
	const spareUser = async (suffix = '') => {
		const id = await aUser();
		return { path: `/admin/users/${id}${suffix}`, params: { id } };
	};
	return [
		{
			route: '(app)/admin/schools/new',
			action: 'default',
			handler: newSchool.actions.default,
			as: () => w().admin,
			fields: fieldsOf(schoolSchema),
			text: ['name', 'localAuthority'],
			target: async () => ({
				path: '/admin/schools/new',
				params: {},
				form: { name: 'Hostile Academy', urn: String(800000 + next()), type: 'Academy', phase: 'Secondary', localAuthority: 'Test Borough 1' },
				read: () => latest(t.school, eq(t.school.serviceId, serviceId()))
			})
		},
		{
			route: '(app)/admin/schools/[id]/edit',
			action: 'default',
			handler: editSchool.actions.default,
			as: () => w().admin,
			fields: fieldsOf(schoolEditSchema),
			text: ['name', 'localAuthority'],
			target: async () => {
				const id = await (edited ??= aSchool());
				const path = `/admin/schools/${id}/edit`;
				return { path, params: { id }, form: await formFromLoad(editSchool.load as Load, path, { id }, w().admin), read: () => db().select().from(t.school).where(eq(t.school.id, id)) };
			}
		},
		noFields('(app)/admin/schools/[id]', 'deactivate', school.actions.deactivate, async () => {
			const id = await aSchool();
			return { path: `/admin/schools/${id}`, params: { id } };
		}),
		noFields('(app)/admin/schools/[id]', 'reactivate', school.actions.reactivate, async () => {
			const id = await aSchool();
			return { path: `/admin/schools/${id}`, params: { id } };
		}),
		{
			route: '(app)/admin/schools/[id]/roll/[year]',
			action: 'default',
			handler: roll.actions.default,
			as: () => w().admin,
			fields: fieldsOf(rollSchema),
			target: async () => {
				const id = await (edited ??= aSchool());
				const path = `/admin/schools/${id}/roll/2026`;
				return { path, params: { id, year: '2026' }, form: await formFromLoad(roll.load as Load, path, { id, year: '2026' }, w().admin) };
			}
		},
		{
			route: '(app)/admin/settings/bank-holidays',
			action: 'add',
			handler: bankHolidays.actions.add,
			as: () => w().admin,
			fields: fieldsOf(bankHolidaySchema),
			text: ['name'],
			target: async () => {
				const day = new Date(`${await freeDate()}T00:00:00Z`);
				return {
					path: '/admin/settings/bank-holidays',
					params: {},
					form: { dateDay: String(day.getUTCDate()), dateMonth: String(day.getUTCMonth() + 1), dateYear: String(day.getUTCFullYear()), name: 'Hostile holiday' },
					read: () => latest(t.bankHoliday, eq(t.bankHoliday.serviceId, serviceId()))
				};
			}
		},
		{
			route: '(app)/admin/settings/bank-holidays',
			action: 'remove',
			handler: bankHolidays.actions.remove,
			as: () => w().admin,
			fields: fieldsOf(removeBankHolidaySchema),
			target: async () => {
				const date = await freeDate();
				if (!(await addBankHoliday(s1(w()).actors.provider_admin, { date, name: 'To remove' })).ok) throw new Error('no holiday');
				return { path: '/admin/settings/bank-holidays', params: {}, form: { date } };
			}
		},
		setting('/admin/settings/eligibility', '(app)/admin/settings/eligibility', eligibility, fieldsOf(eligibilitySchema)),
		setting('/admin/settings/local-numbers/edit', '(app)/admin/settings/local-numbers/edit', localNumbers, fieldsOf(localContactSchema), {
			text: ['localAuthority'],
			form: () => ({ localAuthority: `Borough ${next()}`, ...Object.fromEntries(PHONE_FIELDS.map((f) => [f, '01632 960000'])) }),
			read: () => latest(t.localContact, eq(t.localContact.serviceId, serviceId())),
			// A name saved already (the same once trimmed) is that authority's record, and this post's version is stale.
			refuses: async (_field, name) => (await db().select().from(t.localContact).where(eq(t.localContact.localAuthority, name))).length > 0
		}),
		setting('/admin/settings/mfa', '(app)/admin/settings/mfa', mfa, fieldsOf(mfaSchema)),
		setting('/admin/settings/modules', '(app)/admin/settings/modules', modules, { ...fieldsOf(moduleSetSchema), intent: 40 }, { text: ['titles'], read: () => latest(t.programmeModule, sql`1 = 1`, 20) }),
		setting('/admin/settings/programme-name', '(app)/admin/settings/programme-name', programmeName, fieldsOf(programmeNameSchema), { text: ['programmeName'] }),
		setting('/admin/settings/slas', '(app)/admin/settings/slas', slas, fieldsOf(slasSchema)),
		setting('/admin/settings/small-numbers', '(app)/admin/settings/small-numbers', smallNumbers, fieldsOf(smallNumbersSchema)),
		setting('/admin/settings/term-dates/2026', '(app)/admin/settings/term-dates/[year]', termDates, fieldsOf(termDatesSchema), { params: { year: '2026' } }),
		setting('/admin/settings/unit-costs', '(app)/admin/settings/unit-costs', unitCosts, fieldsOf(unitCostsSchema), { text: ['suspensionDaySource', 'permanentExclusionSource'] }),
		{
			route: '(app)/admin/users/new',
			action: 'default',
			handler: newUser.actions.default,
			as: () => w().admin,
			fields: fieldsOf(newUserSchema),
			text: ['displayName'],
			target: async () => ({
				path: '/admin/users/new',
				params: {},
				form: { displayName: 'New Youthworker', email: `new.${next()}@test.example`, role: 'youth_worker', schoolId: '', senior: '' },
				read: () => latest(t.user, eq(t.user.email, `new.${counter}@test.example`))
			})
		},
		noFields('(app)/admin/users/[id]', 'endSessions', user.actions.endSessions, () => spareUser()),
		noFields('(app)/admin/users/[id]', 'reactivate', user.actions.reactivate, () => spareUser()),
		noFields('(app)/admin/users/[id]', 'resendLink', user.actions.resendLink, () => spareUser()),
		noFields('(app)/admin/users/[id]/deactivate', 'default', deactivate.actions.default, () => spareUser('/deactivate')),
		noFields('(app)/admin/users/[id]/reset-mfa', 'default', resetMfa.actions.default, () => spareUser('/reset-mfa')),
		{
			route: '(app)/admin/users/[id]/role',
			action: 'default',
			handler: role.actions.default,
			as: () => w().admin,
			fields: fieldsOf(changeRoleSchema),
			target: async () => {
				const id = await (roleUser ??= aUser());
				const path = `/admin/users/${id}/role`;
				return { path, params: { id }, form: await formFromLoad(role.load as Load, path, { id }, w().admin) };
			}
		}
	];
}
