import { ROLES } from '$lib/roles';
import { POLICY, type Action, type PolicyRow } from '$lib/server/auth/policy';
import { MATRIX_ROUTES, type Fields, type RouteFixture } from '../matrix-fixtures';
import { routeHandlers, type RouteHandler } from '../route-handlers';
import { pathOf } from '../routes';
import { expected, isRefusal, mismatch, RECORD_TARGETS, type Expected, type Outcome, type Target, type Who } from './expect';
import { invoke, isPost, type FormEntries } from './invoke';
import { withoutMfa, type MatrixPeople } from './people';
import { TAGS, type Built, type MatrixRecords } from './records';

/** One request of the matrix and what came of it. */
export interface MatrixCase {
	handler: RouteHandler;
	who: Who;
	target: Target;
	freshStepUp: boolean;
	/** Signed in with a password, MFA not verified yet. */
	passwordOnly: boolean;
	want: Expected;
	got: Outcome;
	/** Why the answer is wrong, or null. */
	problem: string | null;
	/** Canary tags of schools outside the person's scope found in the answer. */
	foreign: string[];
}

export interface MatrixContext {
	people: MatrixPeople;
	records: MatrixRecords;
}

let address = 0;
const nextAddress = () => {
	address += 1;
	return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};

/** The pupils a person may see: a school's leads their own school's; youth workers and admins their service's. */
function visibleTags(who: Who, passwordOnly: boolean): string[] {
	if (passwordOnly) return [];
	if (who === 'dsl' || who === 'deputy_dsl') return [TAGS[0][0]];
	if (who === 'youth_worker' || who === 'provider_admin') return [TAGS[0][0], TAGS[0][1]];
	return [];
}

export function foreignTags(who: Who, body: string, passwordOnly = false): string[] {
	const text = body.toLowerCase();
	const visible = visibleTags(who, passwordOnly);
	return TAGS.flat().filter((tag) => !visible.includes(tag) && text.includes(tag.toLowerCase()));
}

function encode(values: Record<string, unknown>): FormEntries {
	const entries: FormEntries = [];
	for (const [key, value] of Object.entries(values)) {
		if (value === null || value === undefined || (typeof value === 'object' && !Array.isArray(value))) continue;
		for (const item of Array.isArray(value) ? value : [value]) entries.push([key, String(item)]);
	}
	return entries;
}

const rolesOf = (action: string): string[] => Object.keys((POLICY[action as Action] as PolicyRow).roles ?? {});

/**
 * What a form posts: the page's own form as someone allowed loads it from the same record (so its
 * version and ids are the record's), with the fixture's fields over it.
 */
async function formFor(handler: RouteHandler, fixture: RouteFixture, built: Built, target: Target, path: string, params: Record<string, string>, ctx: MatrixContext): Promise<FormEntries> {
	const fill: Fields = fixture.fill?.[handler.name]?.(built) ?? {};
	const load = routeHandlers().find((h) => h.file === handler.file.replace('+server.ts', '+page.server.ts') && h.name === 'load');
	let offered: Record<string, unknown> = {};
	if (load?.action) {
		const loadRow = POLICY[load.action as Action] as PolicyRow;
		const role = rolesOf(handler.action ?? '').find((r) => loadRow.public || rolesOf(load.action ?? '').includes(r));
		const auth = role ? ctx.people.context(role as (typeof ROLES)[number], true, target === 'none' ? 'own' : target) : null;
		const seen = await invoke(load, { path, params, auth, address: nextAddress() });
		if (seen.status === 200) offered = (JSON.parse(seen.body) as { form?: { data?: Record<string, unknown> } }).form?.data ?? {};
	}
	return encode({ ...offered, ...fill });
}

/** Runs a request with the fixture's environment set, as the server would be started. */
async function withEnv<T>(env: Record<string, string> | undefined, run: () => Promise<T>): Promise<T> {
	const before = Object.fromEntries(Object.keys(env ?? {}).map((k) => [k, process.env[k]]));
	Object.assign(process.env, env);
	try {
		return await run();
	} finally {
		for (const [k, v] of Object.entries(before)) {
			if (v === undefined) delete process.env[k];
			else process.env[k] = v;
		}
	}
}

/** Every role with MFA verified, signed out, and two roles signed in with a password only. */
const PEOPLE: readonly [Who, boolean][] = [...ROLES.map((r): [Who, boolean] => [r, false]), [null, false], ['dsl', true], ['youth_worker', true]];

/** Every request of one handler: each role and signed out, each target, with and without a fresh step-up. */
export async function runHandler(handler: RouteHandler, ctx: MatrixContext): Promise<MatrixCase[]> {
	const fixture = MATRIX_ROUTES[handler.routeId];
	if (!fixture || !handler.action) throw new Error(`${handler.routeId} ${handler.name}: no matrix fixture or guard`);
	const action = handler.action as Action;
	const row = POLICY[action] as PolicyRow;
	const addressesRecord = Boolean(fixture.record) && !fixture.recordless?.includes(handler.name);
	const targets: readonly Target[] = addressesRecord ? RECORD_TARGETS : ['none'];
	const cases: MatrixCase[] = [];
	for (const [who, passwordOnly] of PEOPLE) {
		for (const target of targets) {
			for (const freshStepUp of row.stepUp && who !== null && !passwordOnly ? [false, true] : [true]) {
				const want = expected(action, who, target, freshStepUp, fixture.filter, passwordOnly);
				const changes = isPost(handler) && want === 'served' && who !== null;
				const built = !fixture.record
					? ctx.records.base('own')
					: changes && addressesRecord
						? await ctx.records.fresh(fixture.record, target)
						: await ctx.records.shared(fixture.record, addressesRecord ? target : 'own');
				const params = fixture.params?.(built) ?? {};
				const path = pathOf(handler.routeId, params) + (fixture.query?.(built) ?? '');
				const signedIn = who === null ? null : changes ? await ctx.people.freshContext(who, freshStepUp) : ctx.people.context(who, freshStepUp);
				const auth = signedIn && passwordOnly ? withoutMfa(signedIn) : signedIn;
				const form = isPost(handler) ? await formFor(handler, fixture, built, target, path, params, ctx) : undefined;
				const got = await withEnv(fixture.env, () => invoke(handler, { path, params, auth, form, address: nextAddress() }));
				// What the request itself carried (a search term) may be echoed back: that is no leak.
				const echoed = [...new URL(path, 'http://x').searchParams.values()].reduce((body, v) => body.split(v).join(''), got.body);
				cases.push({ handler, who, target, freshStepUp, passwordOnly, want, got, problem: mismatch(want, got), foreign: foreignTags(who, echoed, passwordOnly) });
			}
		}
	}
	return cases;
}

/** A leak: a refusal that was not given, or another school's canary in any answer. */
export const isLeak = (c: MatrixCase) => (isRefusal(c.want) && c.problem !== null) || c.foreign.length > 0;

export function describeCase(c: MatrixCase): string {
	const who = c.who === null ? 'signed out' : c.passwordOnly ? `${c.who} (password only)` : c.who;
	const step = (POLICY[c.handler.action as Action] as PolicyRow).stepUp ? (c.freshStepUp ? ', fresh step-up' : ', stale step-up') : '';
	const what = [c.problem, c.foreign.length ? `holds another school's pupil (${c.foreign.join(', ')})` : null].filter(Boolean).join('; ');
	return `${c.handler.routeId} ${c.handler.name} as ${who} on ${c.target}${step}: ${what}`;
}
