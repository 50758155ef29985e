/** Replaced by the outbox worker (claims rows with a lease, sends, retries). */
export function startWorker(): void {}
