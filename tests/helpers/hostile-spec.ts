import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { loadAuthContext, type AuthContext } from '$lib/server/auth/context';
import { createSession } from '$lib/server/auth/session';
import { db, t } from '$lib/server/db';
import { fakeEvent } from './event';
import type { FieldValue } from './hostile';

/** What the hostile-input suite knows of one form action, and how it posts to it as SvelteKit would. */
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

export function pairsOf(form: FormValues): [string, string][] {
	return Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]]));
}

export function renamed<T>(target: Target, pairs: [string, T][]): [string, T][] {
	return pairs.map(([k, v]) => [target.rename?.[k] ?? k, v]);
}

/** The form with one field replaced by a payload, as name/value pairs (and whether a file is in it). */
export function withField(form: FormValues, field: string, value: FieldValue): { pairs: [string, string | Blob][]; file: boolean } {
	const rest = pairsOf(form).filter(([k]) => k !== field);
	if (typeof value === 'string') return { pairs: [...rest, [field, value]], file: false };
	if ('repeated' in value) return { pairs: [...rest, ...value.repeated.map((v): [string, string] => [field, v])], file: false };
	return { pairs: [...rest, [field, new Blob([value.file], { type: 'text/html' })]], file: true };
}

export function requestOf(url: URL, pairs: [string, string | Blob][], file: boolean): Request {
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
