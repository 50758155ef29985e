import { recordAudit } from '../audit/audit';
import type { Db } from '../db';
import type { Actor } from './actor';
import { invalidateSession } from './session';

export async function signOut(db: Db, actor: Actor): Promise<void> {
	await db.transaction(async (tx) => {
		await invalidateSession(tx, actor.sessionId);
		await recordAudit(tx, actor, { action: 'auth.sign-out' });
	});
}
