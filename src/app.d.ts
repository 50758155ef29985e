import type { AuthContext } from '$lib/server/auth/context';
import type { KeptHtml } from '$lib/server/render/kept-section';

declare global {
	namespace App {
		interface Error {
			message: string;
			errorId?: string;
		}
		namespace Superforms {
			/** A form's message: a short code such as 'kept' (restored after a timeout). */
			type Message = string;
		}
		interface Locals {
			/** The signed-in person, when the session cookie is valid (MFA may still be pending). */
			auth: AuthContext | null;
			/** Set when the cookie named a session that has timed out: whose it was. */
			expiredUserId: string | null;
			/** Kept sections this page placed by placeholder, for the response hook to put in (render/splice.ts). */
			keptSections?: Map<string, KeptHtml>;
		}
	}
}

export {};
