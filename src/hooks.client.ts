import type { ClientInit } from '@sveltejs/kit';
import { turnOffZodCompilation } from '$lib/zod-jit';

/** Runs before any page's modules load, so before any zod schema is built in the browser. */
export const init: ClientInit = () => {
	turnOffZodCompilation();
};
