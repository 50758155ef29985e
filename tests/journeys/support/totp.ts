import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';

const PERIOD_MS = 30_000;

export function keyFromBase32(secret: string): Uint8Array {
	return decodeBase32IgnorePadding(secret.replace(/\s/g, '').toUpperCase());
}

/**
 * Authenticator codes for one app database. A code's 30-second step is accepted once per person and
 * the app also accepts the next step (clock drift), so a second sign-in within the same step uses the
 * next step's code; only a third waits for time to move on.
 */
export class CodeBook {
	private readonly lastStep = new Map<string, number>();

	async next(account: string, key: Uint8Array): Promise<string> {
		const now = Math.floor(Date.now() / PERIOD_MS);
		const step = Math.max(now, (this.lastStep.get(account) ?? -Infinity) + 1);
		if (step > now + 1) {
			// Wait until `step` is at most one ahead of the server's step, with a margin.
			await new Promise((r) => setTimeout(r, (step - 1) * PERIOD_MS - Date.now() + 250));
		}
		this.lastStep.set(account, step);
		return generateHOTP(key, BigInt(step), 6);
	}
}
