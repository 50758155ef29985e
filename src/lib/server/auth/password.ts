import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN = 12;
export const PASSWORD_RECOMMENDED = 15;
export const PASSWORD_MAX = 128;

// argon2id (the library's default algorithm) with OWASP's memory and time costs.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
	common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
	return common;
}

/** Why a password is refused, or null (SECURITY.md 7: length and common passwords, no composition rules). */
export function passwordProblem(password: string, context: string[] = []): string | null {
	const length = [...password].length;
	if (length < PASSWORD_MIN) return `Password must be ${PASSWORD_MIN} characters or more`;
	if (length > PASSWORD_MAX) return `Password must be ${PASSWORD_MAX} characters or fewer`;
	const lower = password.toLowerCase();
	if (commonPasswords().has(lower) || new Set(lower).size <= 2) {
		return 'Password is too common: choose a longer phrase that is not a well-known password';
	}
	for (const word of context) {
		if (word.length >= 4 && lower.includes(word.toLowerCase())) {
			return 'Password must not contain your name or email address';
		}
	}
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so unknown accounts answer as slowly as known ones. */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummy ??= hashPassword('not-a-real-password-for-timing');
	await verifyPassword(await dummy, password);
	return false;
}
