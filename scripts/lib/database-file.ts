import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The file behind a `file:` DATABASE_URL, or null for a libSQL server. */
export function databaseFile(url: string): string | null {
	if (!url.toLowerCase().startsWith('file:')) return null;
	const bare = url.split('?')[0] ?? url;
	return bare.startsWith('file://') ? fileURLToPath(bare) : bare.slice('file:'.length);
}

/** Deletes a database file with its WAL and shared-memory files. Returns the files it removed. */
export function deleteDatabaseFile(path: string): string[] {
	const removed: string[] = [];
	for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
		if (existsSync(file)) {
			rmSync(file);
			removed.push(file);
		}
	}
	return removed;
}
