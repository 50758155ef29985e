import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { randomBytes } from '../util/ids';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

export function newTotpKey(): Uint8Array {
	return randomBytes(20);
}

export function totpUri(issuer: string, account: string, key: Uint8Array): string {
	return createTOTPKeyURI(issuer, account, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The key as people type it into an authenticator app by hand. */
export function totpKeyForDisplay(key: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})/g, '$1 ').trim();
}

export function currentStep(now: Date): number {
	return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export function totpAt(key: Uint8Array, step: number): string {
	return generateHOTP(key, BigInt(step), TOTP_DIGITS);
}

/**
 * Checks a code against the current step and one either side (clock drift). Returns the step it
 * matched, or null. A step at or before `lastStep` is refused: codes cannot be replayed (SECURITY.md 5).
 */
export function matchTotp(key: Uint8Array, code: string, now: Date, lastStep: number | null): number | null {
	const typed = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(typed)) return null;
	const step = currentStep(now);
	for (const candidate of [step - 1, step, step + 1]) {
		if (lastStep !== null && candidate <= lastStep) continue;
		const expected = new TextEncoder().encode(totpAt(key, candidate));
		if (constantTimeEqual(expected, new TextEncoder().encode(typed))) return candidate;
	}
	return null;
}
