import { randomBytes } from '../util/ids';

/**
 * Verification codes: 12 Crockford base32 characters (60 random bits, above the 50 DOMAIN.md §3 step 8
 * asks for), printed in groups of four for reading aloud: 7K3M-Q9XD-2VHT. Crockford's alphabet leaves
 * out I, L, O and U, and reading a typed code maps I and L to 1 and O to 0.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 12;

function grouped(chars: string): string {
	return chars.match(/.{1,4}/g)?.join('-') ?? chars;
}

export function newVerificationCode(): string {
	// 256 is a multiple of 32, so taking the low five bits of each byte is uniform.
	const chars = Array.from(randomBytes(CODE_LENGTH), (b) => ALPHABET[b & 31]).join('');
	return grouped(chars);
}

/** A code as someone typed or scanned it, in the stored form; null when it cannot be one. */
export function normaliseCode(input: string): string | null {
	const chars = input
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/[IL]/g, '1')
		.replace(/O/g, '0');
	if (chars.length !== CODE_LENGTH || [...chars].some((c) => !ALPHABET.includes(c))) return null;
	return grouped(chars);
}
