import { existsSync, rmSync } from 'node:fs';

/** Deletes a database file with its WAL, shared-memory and journal files. */
export function deleteDatabaseFile(path: string): void {
	for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) if (existsSync(file)) rmSync(file);
}
