/** The database's own message, under drizzle's "Failed query" wrapper. */
export async function dbErrorOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		const parts: string[] = [];
		let current: unknown = error;
		while (current instanceof Error) {
			parts.push(current.message);
			current = current.cause;
		}
		return parts.join(' | ');
	}
	return 'no error';
}
