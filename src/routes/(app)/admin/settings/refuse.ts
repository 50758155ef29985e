import { setError, type SuperValidated } from 'sveltekit-superforms';
import type { SaveResult } from '$lib/server/settings/save-result';

/**
 * Shows a domain refusal on the form. A stale save shows the other person's saved values (with the
 * version to save against), as SECURITY.md 20 asks; an invalid one keeps what was typed.
 */
export async function refuse<T extends Record<string, unknown>>(form: SuperValidated<T>, result: Exclude<SaveResult, { ok: true }>, current: () => Promise<T>) {
	if (result.reason === 'stale') form.data = await current();
	return setError(form, '', result.messages);
}
