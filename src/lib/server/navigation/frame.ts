import { eq } from 'drizzle-orm';
import { ROLE_LABELS } from '$lib/roles';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { IDLE_TIMEOUT_MS } from '../auth/session';
import { navigationFor, type NavItem } from './navigation';

export interface Frame {
	displayName: string;
	roleLabel: string;
	/** The school or service the person works for. */
	organisation: string;
	nav: NavItem[];
	idleTimeoutMs: number;
}

/** What the page frame shows a signed-in person: who they are, where they can go. */
export async function signedInFrame(actor: Actor): Promise<Frame> {
	const [row] = await db()
		.select({ displayName: t.user.displayName, serviceName: t.service.name })
		.from(t.user)
		.innerJoin(t.service, eq(t.service.id, actor.serviceId))
		.where(eq(t.user.id, actor.userId));
	let organisation = row?.serviceName ?? '';
	if (actor.schoolId) {
		const [school] = await db().select({ name: t.school.name }).from(t.school).where(eq(t.school.id, actor.schoolId));
		organisation = school?.name ?? organisation;
	}
	return {
		displayName: row?.displayName ?? '',
		roleLabel: ROLE_LABELS[actor.role],
		organisation,
		nav: navigationFor(actor.role),
		idleTimeoutMs: IDLE_TIMEOUT_MS
	};
}
