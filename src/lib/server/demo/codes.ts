import { eq } from 'drizzle-orm';
import { t, type Queryable } from '../db';
import { currentStep, totpAt, TOTP_PERIOD_SECONDS } from '../auth/totp';
import { DEMO_SERVICES, DEMO_SIGN_INS } from './data';

export type DemoCode = { ok: true; code: string; secondsLeft: number } | { ok: false; message: string };

/**
 * The current authenticator code of a demo account, read from its stored key, so a demo can be
 * given without a phone. Only demo accounts in demo services: this is no way round MFA for real ones.
 */
export async function demoCodeFor(q: Queryable, email: string, now = new Date()): Promise<DemoCode> {
	const normalised = email.trim().toLowerCase();
	const known = DEMO_SIGN_INS.some((s) => s.email === normalised);
	const [row] = known
		? await q
				.select({ key: t.user.totpKey, serviceName: t.service.name })
				.from(t.user)
				.innerJoin(t.membership, eq(t.membership.userId, t.user.id))
				.innerJoin(t.service, eq(t.service.id, t.membership.serviceId))
				.where(eq(t.user.email, normalised))
		: [];
	const demoServices = Object.values(DEMO_SERVICES).map((s) => s.name);
	if (!row || !demoServices.includes(row.serviceName)) {
		return { ok: false, message: `${normalised} is not a demo account in this database` };
	}
	if (!row.key) return { ok: false, message: `${normalised} has not set up an authenticator app yet: sign in and set one up first` };
	const step = currentStep(now);
	const secondsLeft = (step + 1) * TOTP_PERIOD_SECONDS - Math.floor(now.getTime() / 1000);
	return { ok: true, code: totpAt(new Uint8Array(row.key), step), secondsLeft };
}
