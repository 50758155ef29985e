/**
 * Name keys for search and matching: case- and accent-insensitive, with spaces, hyphens and other
 * punctuation dropped, so "Zoë O’Neil-Smith", "Zoe ONeil Smith" and "zoe oneilsmith" agree. Pure.
 */
const FOLD: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ı: 'i' };

export function nameKey(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[łøđßæœþı]/g, (c) => FOLD[c] ?? c)
		.replace(/['’`]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The upper bound for a prefix range over an indexed text column: [prefix, prefixEnd). */
export function prefixEnd(prefix: string): string {
	return `${prefix}\u{10FFFF}`;
}

export function displayNameOf(legalForename: string, legalSurname: string, preferredName: string): string {
	const first = preferredName.trim() || legalForename.trim();
	return [first, legalSurname.trim()].filter(Boolean).join(' ');
}
