import { scopeFor } from '../auth/policy';
import type { Actor } from '../auth/actor';

/** What a settings save answers: saved, refused as stale (someone else saved first), or refused as invalid. */
export type SaveResult = { ok: true } | { ok: false; reason: 'stale' | 'invalid'; messages: string[] };

export const STALE_MESSAGE = 'Someone else changed this setting while you were editing. Their changes are shown; make your changes again';

export function stale(message = STALE_MESSAGE): SaveResult {
	return { ok: false, reason: 'stale', messages: [message] };
}

export function invalid(messages: string[]): SaveResult {
	return { ok: false, reason: 'invalid', messages };
}

/** A backstop behind the guard: settings change only for a provider admin, within their own service. */
export function assertCanEditSettings(actor: Actor): void {
	if (scopeFor('admin.settings.edit', actor.role) !== 'service') throw new Error('Only a provider admin can change settings');
}

/** Thrown inside a save's transaction to roll it back when the version read is no longer current. */
export class StaleEdit extends Error {
	constructor(readonly refusal = STALE_MESSAGE) {
		super('stale edit');
	}
}

/** Runs a save, turning a StaleEdit thrown inside its transaction into a refusal. */
export async function refuseStale(save: () => Promise<SaveResult>): Promise<SaveResult> {
	try {
		return await save();
	} catch (error) {
		if (error instanceof StaleEdit) return stale(error.refusal);
		throw error;
	}
}
