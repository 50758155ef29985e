import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { clientOptions, type DatabaseConfig } from '../db/config';

/**
 * Backups of the embedded database (SECURITY.md): an online copy taken with VACUUM INTO while the app
 * goes on serving writes (the copy is one consistent snapshot, and an encrypted database's copy stays
 * encrypted with the same key), checked with integrity_check; and a restore that puts a checked copy
 * back while the app is stopped. A libSQL server is backed up with the server's own tools.
 */
export interface BackupCheck {
	path: string;
	bytes: number;
	integrity: string;
	/** Rows per table in the copy, for the log and for comparing with the live database. */
	rows: Record<string, number>;
}

export function filePathOf(url: string): string {
	return resolve(url.replace(/^file:/, '').split('?')[0] ?? '');
}

function openFile(path: string, encryptionKey: string | undefined): Client {
	return createClient(clientOptions({ url: `file:${path}`, encryptionKey, embedded: true }));
}

export async function tableRows(client: Client): Promise<Record<string, number>> {
	const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name");
	const rows: Record<string, number> = {};
	for (const { name } of tables.rows) {
		const [count] = (await client.execute(`SELECT count(*) AS n FROM "${String(name).replace(/"/g, '""')}"`)).rows;
		rows[String(name)] = Number(count?.n ?? 0);
	}
	return rows;
}

/** Opens a copy with the key and checks it: integrity_check must say ok. */
export async function checkCopy(path: string, encryptionKey: string | undefined): Promise<BackupCheck> {
	const client = openFile(path, encryptionKey);
	try {
		const [result] = (await client.execute('PRAGMA integrity_check')).rows;
		const integrity = String(result?.integrity_check ?? Object.values(result ?? {})[0] ?? 'unknown');
		return { path, bytes: statSync(path).size, integrity, rows: integrity === 'ok' ? await tableRows(client) : {} };
	} finally {
		client.close();
	}
}

/** Copies the live database to `destination` (which must not exist yet) and checks the copy. */
export async function backupDatabase(config: DatabaseConfig, destination: string): Promise<BackupCheck> {
	if (!config.embedded) throw new Error('This database is on a libSQL server: back it up with the server’s own tools');
	const target = resolve(destination);
	if (existsSync(target)) throw new Error(`${target} already exists: choose a new name for the backup`);
	mkdirSync(dirname(target), { recursive: true });
	const live = createClient(clientOptions(config));
	try {
		// One statement, one read transaction: a consistent snapshot, while writers carry on (WAL).
		await live.execute({ sql: 'VACUUM INTO ?', args: [target] });
	} finally {
		live.close();
	}
	const check = await checkCopy(target, config.encryptionKey);
	if (check.integrity !== 'ok') throw new Error(`The backup at ${target} failed its integrity check: ${check.integrity}`);
	return check;
}

export interface RestoreOptions {
	force?: boolean;
}

/**
 * Puts a backup back as the database file, with the app stopped. Refuses to overwrite an existing
 * database without `force`, and refuses, even with `force`, when the database looks in use (its
 * write-ahead log is there: a running app, or one that stopped without closing). The backup is checked first, copied
 * beside the target and renamed into place, so a failed restore leaves the old file as it was.
 */
export async function restoreDatabase(config: DatabaseConfig, backup: string, options: RestoreOptions = {}): Promise<BackupCheck> {
	if (!config.embedded) throw new Error('This database is on a libSQL server: restore it with the server’s own tools');
	const source = resolve(backup);
	if (!existsSync(source)) throw new Error(`There is no backup at ${source}`);
	const check = await checkCopy(source, config.encryptionKey);
	if (check.integrity !== 'ok') throw new Error(`The backup at ${source} failed its integrity check: ${check.integrity}`);
	const target = filePathOf(config.url);
	if (existsSync(target) && !options.force) throw new Error(`${target} exists: restoring replaces it. Stop the app, then run again with --force`);
	const wal = `${target}-wal`;
	// Even with --force: replacing the file under a running app would leave it writing to the old one.
	// Fold the log into the file first; a log that will not empty has a reader or writer on it now. (An
	// idle app holds no lock, so this cannot see every running app: stop the app before restoring.)
	if (existsSync(target) && existsSync(wal)) {
		const current = openFile(target, config.encryptionKey);
		try {
			await current.execute('PRAGMA wal_checkpoint(TRUNCATE)');
		} catch {
			// An unreadable old file (a lost key, a corrupt file) is what a restore is for: go on.
		} finally {
			current.close();
		}
	}
	if (existsSync(wal) && statSync(wal).size > 0) {
		throw new Error(`${wal} exists: the app looks to be running. Stop it first (after a crash, run \`npm run db:migrate\` once to fold the log in)`);
	}
	mkdirSync(dirname(target), { recursive: true });
	const staging = `${target}.restoring`;
	copyFileSync(source, staging);
	for (const leftover of [wal, `${target}-shm`]) rmSync(leftover, { force: true });
	renameSync(staging, target);
	return { ...check, path: target };
}
