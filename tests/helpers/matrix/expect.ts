import type { Role } from '$lib/roles';
import { POLICY, type Action, type PolicyRow } from '$lib/server/auth/policy';

/**
 * What the access matrix expects of one request, derived from the policy row alone (SECURITY.md 1):
 * signed out → sign-in; a role not in the row → 404; a stale step-up → the step-up page; a record
 * outside the role's scope → 404; anything else is served.
 */
export type Target = 'own' | 'school2' | 'service2' | 'none';
export const RECORD_TARGETS: readonly Target[] = ['own', 'school2', 'service2'];

/** `null` is someone signed out. */
export type Who = Role | null;

export type Expected = 'served' | 'sign-in' | 'mfa' | 'not-found' | 'step-up' | 'refused-or-empty';

export interface Outcome {
	status: number;
	location?: string;
	/** What the response carried, as text (page data as JSON, a PDF as its text). */
	body: string;
	/** The handler threw something that is not SvelteKit's redirect or error. */
	crash?: string;
}

/**
 * `filter`: the target is a filter or search term, not a record, so outside scope the answer is a
 * 404 or a page that holds nothing of the other school (the canary check decides).
 */
export function expected(action: Action, who: Who, target: Target, freshStepUp: boolean, filter = false, passwordOnly = false): Expected {
	const row: PolicyRow = POLICY[action];
	if (row.public) return 'served';
	if (who === null) return 'sign-in';
	const scope = row.roles?.[who];
	if (!scope) return 'not-found';
	// A password-only session reaches the MFA pages alone (SECURITY.md 5).
	if (passwordOnly && !row.mfaPending) return 'mfa';
	if (row.stepUp && !freshStepUp) return 'step-up';
	const inScope = target === 'none' || target === 'own' || (target === 'school2' && scope === 'service');
	if (inScope) return 'served';
	return filter ? 'refused-or-empty' : 'not-found';
}

/** Whether an outcome is what was expected; a sentence saying why not otherwise. */
export function mismatch(want: Expected, got: Outcome): string | null {
	if (got.crash) return `crashed: ${got.crash}`;
	if (got.status >= 500) return `answered ${got.status}`;
	const to = got.location ?? '';
	switch (want) {
		case 'sign-in':
			return got.status === 303 && to.startsWith('/sign-in') ? null : `expected a redirect to sign-in, got ${describe(got)}`;
		case 'mfa':
			return got.status === 303 && to.startsWith('/mfa') ? null : `expected a redirect to the MFA page, got ${describe(got)}`;
		case 'not-found':
			return got.status === 404 ? null : `expected 404, got ${describe(got)}`;
		case 'step-up':
			return got.status === 303 && to.startsWith('/step-up?next=') ? null : `expected a redirect to step-up, got ${describe(got)}`;
		case 'refused-or-empty':
			return got.status === 403 || (got.status === 303 && (to.startsWith('/sign-in') || to.startsWith('/step-up'))) ? `expected 404 or an empty answer, got ${describe(got)}` : null;
		case 'served':
			return got.status === 404 || got.status === 403 ? `expected to be served, got ${describe(got)}` : null;
	}
}

/** A refusal that was not given is a leak; so is any out-of-scope canary in any answer. */
export function isRefusal(want: Expected): boolean {
	return want === 'sign-in' || want === 'mfa' || want === 'not-found' || want === 'step-up' || want === 'refused-or-empty';
}

export function describe(got: Outcome): string {
	return got.location ? `${got.status} → ${got.location}` : String(got.status);
}
