import { errorSummary as summarise } from '../util/log';

/** After this many attempts a row is left as 'failed' for someone to look at. */
export const MAX_ATTEMPTS = 10;
const BASE_MS = 60_000;
const CAP_MS = 6 * 60 * 60_000;
const ERROR_MAX = 500;

/** The wait after a failed attempt: 1 min, 2, 4 … doubling per attempt, at most 6 hours. */
export function backoffMs(attempts: number): number {
	return Math.min(BASE_MS * 2 ** Math.max(0, attempts - 1), CAP_MS);
}

/** The message of an error, safe to keep on the row (see util/log.ts). */
export function errorSummary(error: unknown): string {
	return summarise(error, ERROR_MAX);
}

/** A machine code such as ECONNECTION or EENVELOPE, safe for the log. */
export function errorCode(error: unknown): string | undefined {
	if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code.slice(0, 40);
	return undefined;
}
