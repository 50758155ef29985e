import { and, count, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { getSetting } from '../settings/settings';
import { listReferrals, triageQueue, type ListFilter } from '../referrals/lists';
import { followUpsToRecord } from '../follow-ups/lists';

/** What each role's home page shows. Later issues fill the lists; for now, counts and empty states. */
export type HomeView =
	| { kind: 'school'; programmeName: string; list: Awaited<ReturnType<typeof listReferrals>>; filter: ListFilter; followUps: Awaited<ReturnType<typeof followUpsToRecord>> }
	| { kind: 'youth-worker'; programmeName: string; queue: Awaited<ReturnType<typeof triageQueue>> }
	| { kind: 'admin'; programmeName: string; schools: number; users: number; usersWithoutPassword: number }
	| { kind: 'governor'; programmeName: string; reportHref: string }
	| { kind: 'commissioner'; programmeName: string };

type SchoolView = Extract<HomeView, { kind: 'school' }>;

async function schoolView(actor: Actor, programmeName: string, filter: ListFilter, options: { panels: boolean }): Promise<SchoolView> {
	return { kind: 'school', programmeName, list: await listReferrals(actor, filter), filter, followUps: options.panels ? await followUpsToRecord(actor) : [] };
}

/** A school's home, for its safeguarding leads (home/school-home.ts keeps it rendered). */
export async function schoolHomeView(actor: Actor, filter: ListFilter, options: { panels: boolean }): Promise<SchoolView> {
	return schoolView(actor, await getSetting(db(), actor.serviceId, 'programmeName'), filter, options);
}

export async function homeFor(actor: Actor, filter: ListFilter = {}, options: { panels: boolean } = { panels: true }): Promise<HomeView> {
	const programmeName = await getSetting(db(), actor.serviceId, 'programmeName');
	switch (actor.role) {
		case 'dsl':
		case 'deputy_dsl':
			return schoolView(actor, programmeName, filter, options);
		case 'youth_worker':
			return { kind: 'youth-worker', programmeName, queue: await triageQueue(actor) };
		case 'governor':
			return { kind: 'governor', programmeName, reportHref: actor.schoolId ? `/reports/school/${actor.schoolId}` : '/reports/school' };
		case 'commissioner':
			return { kind: 'commissioner', programmeName };
		case 'provider_admin': {
			const [schools] = await db().select({ n: count() }).from(t.school).where(eq(t.school.serviceId, actor.serviceId));
			const [users] = await db()
				.select({ n: count() })
				.from(t.membership)
				.where(eq(t.membership.serviceId, actor.serviceId));
			const [pending] = await db()
				.select({ n: count() })
				.from(t.user)
				.innerJoin(t.membership, eq(t.membership.userId, t.user.id))
				.where(and(eq(t.membership.serviceId, actor.serviceId), isNull(t.user.passwordHash), eq(t.user.active, true)));
			return { kind: 'admin', programmeName, schools: schools?.n ?? 0, users: users?.n ?? 0, usersWithoutPassword: pending?.n ?? 0 };
		}
	}
}
