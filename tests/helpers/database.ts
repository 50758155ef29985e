import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, startDatabase } from '$lib/server/db';

/**
 * A fresh libSQL file with the real migrations applied, for one test file. The app's `db()` points at
 * it until `close` runs.
 */
export async function useTestDatabase(): Promise<{ url: string; dir: string; close: () => Promise<void> }> {
	const dir = mkdtempSync(join(tmpdir(), 'divert-test-'));
	const url = `file:${join(dir, 'test.db')}`;
	await closeDatabase();
	await startDatabase({ DATABASE_URL: url });
	return {
		url,
		dir,
		close: async () => {
			await closeDatabase();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
