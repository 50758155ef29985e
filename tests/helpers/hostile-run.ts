import { asReceived, FULL, fieldPayloads, ODD_BODIES, POLLUTION_FIELDS, type FieldValue, type Payload, type PayloadClass } from './hostile';
import { pairsOf, post, renamed, requestOf, withField, type ActionSpec, type Outcome, type Target } from './hostile-spec';

export { fieldsOf, signIn, type ActionSpec, type FormValues, type Target } from './hostile-spec';

export interface Tally {
	submissions: number;
	byClass: Record<PayloadClass | 'pollution' | 'body', number>;
	serverErrors: string[];
	problems: string[];
}

export function newTally(): Tally {
	return { submissions: 0, byClass: { blns: 0, markup: 0, formula: 0, control: 0, unicode: 0, long: 0, type: 0, pollution: 0, body: 0 }, serverErrors: [], problems: [] };
}

/** Every string in a stored value, looking inside JSON text too (sections and settings are stored as JSON). */
export function storedStrings(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') {
		out.push(value);
		if (/^\s*[[{"]/.test(value)) {
			try {
				storedStrings(JSON.parse(value), out);
			} catch {
				// Not JSON after all: the string itself is already collected.
			}
		}
	} else if (Array.isArray(value)) value.forEach((v) => storedStrings(v, out));
	else if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) Object.values(value).forEach((v) => storedStrings(v, out));
	return out;
}

const short = (v: FieldValue) => JSON.stringify(typeof v === 'string' ? v.slice(0, 60) : v).slice(0, 80);

/** The number of posts `exercise` makes for one spec: the counts the closing note gives. */
export function plannedSubmissions(spec: Pick<ActionSpec, 'fields'>, full = FULL): number {
	const perField = Object.values(spec.fields).reduce((n: number, max) => n + fieldPayloads(max, '', full).length, 0);
	return perField + 2 * POLLUTION_FIELDS.length + ODD_BODIES.length;
}

/**
 * Posts every payload into every field of one action in turn, the other fields valid, and then the
 * pollution names and odd bodies. Records 500s and any text that was refused or not stored as typed.
 */
export async function exercise(spec: ActionSpec, tally: Tally): Promise<void> {
	const name = `${spec.route} ${spec.action}`;
	let target = await spec.target();
	let fresh = 0;
	const count = async (cls: keyof Tally['byClass'], label: string, outcome: Outcome) => {
		tally.submissions++;
		tally.byClass[cls]++;
		if (outcome.kind === 'server-error') tally.serverErrors.push(`${name} ${label}: ${outcome.detail}`);
		if (outcome.kind === 'denied') tally.problems.push(`${name} ${label}: denied (${outcome.detail}): the spec posts as the wrong person`);
		if (outcome.kind === 'accepted' && fresh++ < (spec.freshPerField ?? Infinity)) target = await spec.target();
		else if (spec.keepsDrafts) target = await spec.target();
	};
	for (const [field, max] of Object.entries(spec.fields)) {
		// The last field may have used its target up: each field starts on a fresh one.
		if (fresh > (spec.freshPerField ?? Infinity)) target = await spec.target();
		fresh = 0;
		const valid = target.form[field];
		for (const payload of fieldPayloads(max, typeof valid === 'string' ? valid : '')) {
			const before = target;
			const received = isValidText(spec, field, max, payload);
			const { pairs, file } = withField(target.form, field, payload.value);
			const outcome = await post(spec, target, (url) => requestOf(url, renamed(before, pairs), file));
			// A one-shot target already used up answers as its state says: only the posts' statuses count.
			const usedUp = fresh > (spec.freshPerField ?? Infinity);
			if (!usedUp && (outcome.kind === 'accepted' || (spec.keepsDrafts && outcome.status === 400))) await checkStored(spec, before, field, payload, received, overLimit(spec, field, max, payload), tally);
			else if (!usedUp) await checkRefusal(spec, field, max, payload, outcome, tally);
			await count(payload.cls, `${field} ${payload.label}`, outcome);
		}
	}
	for (const extra of POLLUTION_FIELDS) {
		const pairs: [string, string][] = [...renamed(target, pairsOf(target.form)), ...extra];
		await count('pollution', `names ${extra.map(([k]) => k).join(',')}`, await post(spec, target, (url) => requestOf(url, pairs, false)));
		await count('pollution', `names ${extra.map(([k]) => k).join(',')} (multipart)`, await post(spec, target, (url) => requestOf(url, pairs, true)));
	}
	for (const odd of ODD_BODIES) {
		await count('body', odd.label, await post(spec, target, (url) => new Request(url, { method: 'POST', body: odd.body, headers: { 'content-type': odd.contentType } })));
	}
}

/**
 * The text a field should keep from this payload: a string within the limit that is not blank after
 * trimming. A NUL character never reaches an action in the running app (hooks.server.ts refuses the
 * post, tested in hostile-boundary.test.ts), so what an action does with one is not checked here.
 */
function isValidText(spec: ActionSpec, field: string, max: number | null, payload: Payload): string | null {
	if (!spec.text?.includes(field) || typeof payload.value !== 'string' || max === null || payload.value.includes('\u0000')) return null;
	const received = asReceived(payload.value);
	return received.length > 0 && lengthOf(received) <= max ? received : null;
}

/** A length as zod counts it for a string's maximum: in code points, so an emoji counts once. */
const lengthOf = (text: string) => [...text].length;

/** Text past the field's limit, which must never be stored. */
function overLimit(spec: ActionSpec, field: string, max: number | null, payload: Payload): string | null {
	if (!spec.text?.includes(field) || typeof payload.value !== 'string' || max === null) return null;
	const received = asReceived(payload.value);
	return lengthOf(received) > max ? received : null;
}

async function checkRefusal(spec: ActionSpec, field: string, max: number | null, payload: Payload, outcome: Outcome, tally: Tally): Promise<void> {
	const received = isValidText(spec, field, max, payload);
	if (received === null || outcome.kind !== 'refused' || (await spec.refuses?.(field, received))) return;
	tally.problems.push(`${spec.route} ${spec.action} ${field} ${payload.label}: valid text ${short(payload.value)} refused with ${outcome.status}`);
}

/**
 * The accepted text must be in what the target reads back, exactly. A target reads only what the
 * last post wrote (the newest row, or the record it edits), so text from earlier posts cannot stand in.
 */
async function checkStored(spec: ActionSpec, target: Target, field: string, payload: Payload, received: string | null, tooLong: string | null, tally: Tally): Promise<void> {
	const file = typeof payload.value === 'object' && 'file' in payload.value;
	if (!target.read || (received === null && tooLong === null && !file)) return;
	const stored = storedStrings(await target.read());
	if (file && stored.some((s) => s.includes('[object File]') || s.includes('[object Blob]'))) {
		tally.problems.push(`${spec.route} ${spec.action} ${field}: a posted file was stored as "[object File]"`);
	}
	// A field that is not valid yet (a draft) keeps the text untrimmed: as typed either way.
	const typed = typeof payload.value === 'string' ? asReceived(payload.value, false) : null;
	const expected = received !== null && spec.stores ? spec.stores(received) : received;
	if (expected !== null && !stored.includes(expected) && !(typed !== null && stored.includes(typed))) {
		tally.problems.push(`${spec.route} ${spec.action} ${field} ${payload.label}: ${short(payload.value)} not stored exactly as typed`);
	}
	if (tooLong !== null && stored.includes(tooLong)) tally.problems.push(`${spec.route} ${spec.action} ${field} ${payload.label}: stored past its limit`);
}

/** Object.prototype's own names now: compared before and after the run. */
export function prototypeNames(): string[] {
	return [Object.prototype, Array.prototype, Function.prototype, String.prototype].flatMap((p) => Object.getOwnPropertyNames(p)).sort();
}
