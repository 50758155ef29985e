import { eq } from 'drizzle-orm';
import type { AuthContext } from '$lib/server/auth/context';
import { retentionSettingSchema } from '$lib/schemas/admin-settings';
import { todayIso } from '$lib/schemas/fields';
import { deleteRecordSchema, extendReviewSchema, legalHoldSchema } from '$lib/schemas/retention';
import { db, t } from '$lib/server/db';
import * as deletion from '../../../src/routes/(app)/admin/retention/[id]/delete/+page.server';
import * as extend from '../../../src/routes/(app)/admin/retention/[id]/extend/+page.server';
import * as hold from '../../../src/routes/(app)/admin/retention/[id]/hold/+page.server';
import * as settings from '../../../src/routes/(app)/admin/settings/retention/+page.server';
import { caseRow } from '../../helpers/case';
import { fieldsOf, signIn, type ActionSpec } from '../../helpers/hostile-run';
import type { HostileWorld } from '../../helpers/hostile-world';
import { closedWithdrawnCase } from '../retention-fixtures';
import { dslActor, formFromLoad, latestEvents, s1 } from './fixtures';

type Load = (event: never) => unknown;
const DAY = 86_400_000;

/** The retention pages (DOMAIN.md §7): keeping a record longer, legal holds, deletion at review, the period. */
export function retentionSpecs(w: () => HostileWorld): ActionSpec[] {
	/** A case closed four years ago: past the default three-year period, so due for review today. */
	const dueForReview = () => closedWithdrawnCase(dslActor(w()), {}, new Date(Date.now() - 4 * 366 * DAY));
	const once = (make: () => Promise<string>) => {
		let value: Promise<string> | null = null;
		return () => (value ??= make());
	};
	const extended = once(dueForReview);
	const held = once(dueForReview);
	const recordRead = (id: string) => async () => [await db().select().from(t.referral).where(eq(t.referral.id, id)), await latestEvents(id)];
	// Deleting asks for an authenticator code within the last minutes: each record gets an admin signed in just now.
	let deleter: AuthContext | null = null;
	return [
		{
			route: '(app)/admin/retention/[id]/extend',
			action: 'default',
			handler: extend.actions.default,
			as: () => w().admin,
			fields: fieldsOf(extendReviewSchema),
			text: ['reason'],
			target: async () => {
				const id = await extended();
				const row = await caseRow(id);
				// Each accepted post moves the date on: the next one asks for the day after it.
				const after = [row.retentionReviewOn ?? '', todayIso()].sort().at(-1) ?? '';
				const on = new Date(Date.parse(`${after}T00:00:00Z`) + DAY);
				return {
					path: `/admin/retention/${id}/extend`,
					params: { id },
					form: { version: String(row.version), reviewOnDay: String(on.getUTCDate()), reviewOnMonth: String(on.getUTCMonth() + 1), reviewOnYear: String(on.getUTCFullYear()), reason: 'Kept while a complaint is open' },
					read: recordRead(id)
				};
			}
		},
		{
			route: '(app)/admin/retention/[id]/hold',
			action: 'default',
			handler: hold.actions.default,
			as: () => w().admin,
			fields: fieldsOf(legalHoldSchema),
			text: ['reason'],
			target: async () => {
				const id = await held();
				const row = await caseRow(id);
				// One page places the hold and lifts it (?lift=1): each accepted post turns it the other way.
				return { path: `/admin/retention/${id}/hold${row.legalHold ? '?lift=1' : ''}`, params: { id }, form: { version: String(row.version), reason: 'Solicitor’s letter about a claim' }, read: recordRead(id) };
			}
		},
		{
			route: '(app)/admin/retention/[id]/delete',
			action: 'default',
			handler: deletion.actions.default,
			as: () => deleter ?? w().admin,
			fields: fieldsOf(deleteRecordSchema),
			// An accepted post deletes the record: the next post needs a record of its own.
			target: async () => {
				const id = await dueForReview();
				deleter = await signIn(s1(w()).actors.provider_admin.userId);
				return { path: `/admin/retention/${id}/delete`, params: { id }, form: { version: String((await caseRow(id)).version) } };
			}
		},
		// Last: a new period moves every closed case's review date (the records above would stop being due).
		{
			route: '(app)/admin/settings/retention',
			action: 'default',
			handler: settings.actions.default,
			as: () => w().admin,
			fields: fieldsOf(retentionSettingSchema),
			target: async () => ({
				path: '/admin/settings/retention',
				params: {},
				form: await formFromLoad(settings.load as Load, '/admin/settings/retention', {}, w().admin),
				read: () => db().select().from(t.setting).where(eq(t.setting.serviceId, s1(w()).id))
			})
		}
	];
}
