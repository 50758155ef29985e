import { openDatabase, type Database, type Db } from './client';
import { readDatabaseConfig } from './config';
import { migrateUnderLock } from './migrate';

export type { Db, Tx, Queryable } from './client';
export * as t from './schema';

let current: Database | undefined;
let opening: Promise<Database> | undefined;

/** Opens the app's database from the environment and applies migrations, once per process. */
export function startDatabase(env: Record<string, string | undefined> = process.env): Promise<Database> {
	opening ??= (async () => {
		const database = await openDatabase(readDatabaseConfig(env));
		await migrateUnderLock(database.client, database.db);
		current = database;
		return database;
	})();
	return opening;
}

/** The open database. The server starts it in the init hook; scripts and tests call startDatabase first. */
export function db(): Db {
	if (!current) throw new Error('The database is not open yet: call startDatabase() first');
	return current.db;
}

/** Whether `q` is the open database itself (not a transaction, nor another database a script opened). */
export function isAppDatabase(q: unknown): boolean {
	return current !== undefined && q === current.db;
}

export function database(): Database {
	if (!current) throw new Error('The database is not open yet: call startDatabase() first');
	return current;
}

export async function closeDatabase(): Promise<void> {
	current?.client.close();
	current = undefined;
	opening = undefined;
}
