import type { RequestEvent } from '@sveltejs/kit';
import { superValidate, type SuperValidated } from 'sveltekit-superforms';
import type { ValidationAdapter } from 'sveltekit-superforms/adapters';
import type { Actor } from '../auth/actor';
import { takeKeptForm } from '../auth/guard';

/**
 * The form a page starts with: what the person typed before their session timed out, if they are
 * back on the same page after signing in again (SECURITY.md 8), otherwise the initial data.
 * Every form page's load uses this.
 */
export async function startingForm<Out extends Record<string, unknown>, In extends Record<string, unknown> = Out>(
	event: RequestEvent,
	actor: Actor,
	adapter: ValidationAdapter<Out, In>,
	initial?: Partial<In> | null,
	options: { id?: string } = {}
): Promise<SuperValidated<Out, string, In>> {
	const kept = await takeKeptForm(event, actor);
	if (kept) {
		const form = await superValidate(kept, adapter, { ...options, errors: false });
		form.message = 'kept';
		return form;
	}
	if (initial) return superValidate(initial as In, adapter, { ...options, errors: false });
	return superValidate(adapter, options);
}
