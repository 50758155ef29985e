/**
 * SQLITE_BUSY: another process (a second instance, a script, a migration) held the database's write
 * lock for longer than the busy timeout. SQLite waits out short locks itself, blocking the event loop
 * (the busy timeout); a longer one fails the statement, and the failed statement did nothing, so an
 * operation that has not yet changed anything (a transaction's BEGIN, one autocommit statement, a
 * batch) can simply run again. Waiting between attempts here does not block the event loop.
 */
export interface BusyRetry {
	/** Give up (with the last SQLITE_BUSY) once another attempt would start after this long. */
	budgetMs: number;
	/** Pauses between attempts; the last one repeats. */
	pausesMs: readonly number[];
}

/** About as long as another instance's start-up migrations take; below SerialClient's queue timeout. */
export const BUSY_RETRY: BusyRetry = { budgetMs: 10_000, pausesMs: [25, 50, 100, 200, 400] };

interface CodedError {
	code?: unknown;
	cause?: unknown;
}

/** True for SQLITE_BUSY and its extended codes (SQLITE_BUSY_RECOVERY, _SNAPSHOT, _TIMEOUT). */
export function isBusy(error: unknown): boolean {
	for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as CodedError).cause, depth++) {
		const code = (e as CodedError).code;
		if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
	}
	return false;
}

/**
 * Runs `attempt` until it succeeds, fails with anything but SQLITE_BUSY, or the budget is spent.
 * After every SQLITE_BUSY, `recover` runs first (see SerialClient: the connection must be replaced),
 * so the connection is sound even when the error is finally passed on.
 */
export async function retryWhileBusy<T>(attempt: () => Promise<T>, recover: () => Promise<void>, retry: BusyRetry = BUSY_RETRY): Promise<T> {
	const deadline = Date.now() + retry.budgetMs;
	for (let n = 0; ; n++) {
		try {
			return await attempt();
		} catch (error) {
			if (!isBusy(error)) throw error;
			await recover();
			const pause = retry.pausesMs[Math.min(n, retry.pausesMs.length - 1)] ?? 0;
			if (Date.now() + pause >= deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, pause));
		}
	}
}
