import { ROLE_LABELS } from '$lib/roles';
import type { AuthContext } from '../auth/context';
import { IDLE_TIMEOUT_MS } from '../auth/session';
import { navigationFor, type NavItem } from './navigation';

export interface Frame {
	displayName: string;
	roleLabel: string;
	/** The school or service the person works for. */
	organisation: string;
	nav: NavItem[];
	idleTimeoutMs: number;
}

/**
 * What the page frame shows a signed-in person: who they are, where they can go. Read with the
 * session in the request's one sign-in query (auth/context.ts), so the frame costs no query of its own.
 */
export function signedInFrame(auth: AuthContext): Frame {
	return {
		displayName: auth.displayName,
		roleLabel: ROLE_LABELS[auth.role],
		organisation: auth.organisation,
		nav: navigationFor(auth.role),
		idleTimeoutMs: IDLE_TIMEOUT_MS
	};
}
