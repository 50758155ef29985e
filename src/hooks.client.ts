import type { ClientInit } from '@sveltejs/kit';
import { config } from 'zod/v4/core';

/**
 * Zod checks whether `Function('')` works, to compile faster parsers. Our CSP allows no eval
 * (SECURITY.md 12), so in the browser that check is blocked and reported as a CSP violation on every
 * page that validates a form. Tell zod not to try: it parses the same way without it.
 */
export const init: ClientInit = () => {
	config({ jitless: true });
};
