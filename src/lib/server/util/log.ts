/** One JSON line per event on stderr. Callers pass ids and codes, never pupil data (STYLE.md rule 7). */
export function log(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void {
	if (process.env.LOG_LEVEL === 'silent') return;
	process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, event, ...fields })}\n`);
}
