import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export function randomBytes(length: number): Uint8Array {
	const bytes = new Uint8Array(length);
	crypto.getRandomValues(bytes);
	return bytes;
}

/** A random id for a primary key: 80 bits, base32, no order or count leaked. */
export function newId(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(10));
}

/** A secret for a token or link: 160 bits. */
export function newSecret(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}
