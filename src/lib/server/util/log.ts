import { DrizzleQueryError } from 'drizzle-orm';

/** One JSON line per event on stderr. Callers pass ids and codes, never pupil data (STYLE.md rule 7). */
export function log(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void {
	if (process.env.LOG_LEVEL === 'silent') return;
	process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, event, ...fields })}\n`);
}

/**
 * An error's message, short and on one line, safe to log or store. A failed query's wrapper quotes the
 * SQL and its parameters, which could hold record contents: keep only the database's own message.
 */
export function errorSummary(error: unknown, max = 500): string {
	let message: string;
	if (error instanceof DrizzleQueryError) {
		message = `database: ${error.cause instanceof Error ? error.cause.message : 'query failed'}`;
	} else if (error instanceof Error) {
		message = error.message || error.name;
	} else {
		message = 'non-error thrown';
	}
	return message.replace(/\s+/g, ' ').trim().slice(0, max);
}

/** The stack frames of an error without its message line (which may quote data). */
export function stackFrames(error: unknown): string | undefined {
	if (!(error instanceof Error) || !error.stack) return undefined;
	return error.stack
		.split('\n')
		.filter((line) => line.trimStart().startsWith('at '))
		.slice(0, 20)
		.join('\n');
}
