import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { db } from '$lib/server/db';

/** The AuthContext of a person just signed in with MFA done, from a real session: what hooks.server.ts sets. */
export async function signedInAs(userId: string, now = new Date()): Promise<AuthContext> {
	const { session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'test', mfaVerifiedAt: now }, now);
	const context = await loadAuthContext(db(), session);
	if (!context) throw new Error(`No auth context for user ${userId}`);
	return context;
}
