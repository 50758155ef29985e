import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import { t, type Db } from '../db';
import { sha256Hex } from '../util/hash';
import { verifyAgainstDummy, verifyPassword } from './password';
import { clearHits, countHit, isLimited, SIGN_IN_ACCOUNT, SIGN_IN_ADDRESS } from './rate-limit';
import { createSession } from './session';

export interface SignInRequest {
	email: string;
	password: string;
	address: string;
	userAgent: string;
}

/** The same answer whether or not the account exists (SECURITY.md 6). */
export type SignInResult = { ok: true; token: string } | { ok: false; reason: 'invalid' | 'throttled' };

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function signIn(db: Db, request: SignInRequest, now = new Date()): Promise<SignInResult> {
	const email = normaliseEmail(request.email);
	const accountKey = `sign-in:account:${sha256Hex(email)}`;
	const addressKey = `sign-in:address:${request.address}`;
	if ((await isLimited(db, accountKey, SIGN_IN_ACCOUNT, now)) || (await isLimited(db, addressKey, SIGN_IN_ADDRESS, now))) {
		await recordAudit(db, null, { action: 'auth.sign-in.throttled', address: request.address });
		return { ok: false, reason: 'throttled' };
	}
	const [found] = await db
		.select({ id: t.user.id, passwordHash: t.user.passwordHash, active: t.user.active, serviceId: t.membership.serviceId })
		.from(t.user)
		.leftJoin(t.membership, eq(t.membership.userId, t.user.id))
		.where(eq(t.user.email, email));
	const passwordOk =
		found?.passwordHash && found.active
			? await verifyPassword(found.passwordHash, request.password)
			: await verifyAgainstDummy(request.password);
	if (!found || !passwordOk) {
		await db.transaction(async (tx) => {
			await countHit(tx, accountKey, SIGN_IN_ACCOUNT, now);
			await countHit(tx, addressKey, SIGN_IN_ADDRESS, now);
			await recordAudit(tx, null, {
				action: 'auth.sign-in.failed',
				userId: found?.id ?? null,
				serviceId: found?.serviceId ?? null,
				address: request.address
			});
		});
		return { ok: false, reason: 'invalid' };
	}
	return db.transaction(async (tx) => {
		await clearHits(tx, accountKey);
		const { token } = await createSession(tx, found.id, request, now);
		await recordAudit(tx, null, {
			action: 'auth.sign-in',
			userId: found.id,
			serviceId: found.serviceId ?? null,
			address: request.address
		});
		return { ok: true as const, token };
	});
}
