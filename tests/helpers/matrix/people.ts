import { eq } from 'drizzle-orm';
import { isSchoolRole, type Role } from '$lib/roles';
import type { Actor } from '$lib/server/auth/actor';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { db, t } from '$lib/server/db';
import type { World } from '../world';
import type { Target } from './expect';

const STALE_MS = 20 * 60_000;

/**
 * Everyone in the world, signed in with MFA verified. The matrix acts as the people of the first
 * service's first school (and that service's service-wide people); the others are witnesses, who
 * load a form from a record of their own so the matrix can post it as someone else.
 */
export class MatrixPeople {
	private readonly contexts = new Map<string, AuthContext>();

	constructor(private readonly world: World) {}

	async signInEveryone(): Promise<void> {
		for (const actor of this.everyone()) {
			await db().update(t.user).set({ totpKey: Buffer.alloc(20, 7), totpEnrolledAt: new Date() }).where(eq(t.user.id, actor.userId));
			this.contexts.set(actor.userId, await this.newContext(actor.userId));
		}
	}

	/** The person of a role at a target's school (or service): the acting person when the target is own. */
	actor(role: Role, target: Target = 'own'): Actor {
		const [s, n] = target === 'service2' ? ([1, 0] as const) : target === 'school2' ? ([0, 1] as const) : ([0, 0] as const);
		const service = this.world.services[s];
		return isSchoolRole(role) ? service.schools[n].actors[role as 'dsl' | 'deputy_dsl' | 'governor'] : service.actors[role as 'provider_admin' | 'youth_worker' | 'commissioner'];
	}

	/** The signed-in context of a role's person, with MFA confirmed now or 20 minutes ago (a stale step-up). */
	context(role: Role, freshStepUp: boolean, target: Target = 'own'): AuthContext {
		const context = this.contexts.get(this.actor(role, target).userId);
		if (!context) throw new Error(`not signed in: ${role}`);
		return freshStepUp ? context : staled(context);
	}

	/** A new sign-in session for the acting person of a role, for a request that may end or change it. */
	async freshContext(role: Role, freshStepUp: boolean): Promise<AuthContext> {
		const context = await this.newContext(this.actor(role).userId);
		return freshStepUp ? context : staled(context);
	}

	private async newContext(userId: string): Promise<AuthContext> {
		const { session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'access-matrix', mfaVerifiedAt: new Date() });
		const context = await loadAuthContext(db(), session);
		if (!context) throw new Error('no auth context');
		return context;
	}

	private everyone(): Actor[] {
		return this.world.services.flatMap((service) => [...Object.values(service.actors), ...service.schools.flatMap((school) => Object.values(school.actors))]);
	}
}

/** The same person signed in with a password only: MFA not yet verified in this session. */
export function withoutMfa(context: AuthContext): AuthContext {
	return { ...context, session: { ...context.session, mfaVerifiedAt: null } };
}

function staled(context: AuthContext): AuthContext {
	return { ...context, session: { ...context.session, mfaVerifiedAt: new Date(Date.now() - STALE_MS) } };
}
