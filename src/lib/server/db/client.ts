import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema';
import { clientOptions, type DatabaseConfig } from './config';
import { SerialClient } from './serial';
import type { BusyRetry } from './busy';
import { installStatementCache } from './statement-cache';

export type Db = LibSQLDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
	client: Client;
	db: Db;
	config: DatabaseConfig;
}

function filePath(url: string): string {
	const rest = url.slice('file:'.length).split('?')[0] ?? '';
	return rest.startsWith('//') ? fileURLToPath(url.split('?')[0] ?? url) : rest;
}

/** Settings that belong to a connection, not to the file: every new connection needs them again. */
const CONNECTION_PRAGMAS = ['PRAGMA synchronous = FULL', 'PRAGMA foreign_keys = ON'] as const;

/**
 * Opens the database. A file gets exactly one connection (`concurrency: 1`): the native driver runs
 * statements synchronously, so more connections add no parallelism, and one connection keeps its
 * pragmas (SerialClient applies them again when it has to replace the connection). SerialClient makes
 * other callers queue while a transaction holds it. The busy timeout (for other processes on the
 * same file) comes from the client option, which every connection gets (SECURITY.md 17).
 */
export async function openDatabase(config: DatabaseConfig, options: { retry?: BusyRetry } = {}): Promise<Database> {
	if (config.embedded) {
		mkdirSync(dirname(filePath(config.url)), { recursive: true });
		installStatementCache();
	}
	const client: Client = config.embedded
		? new SerialClient(createClient(clientOptions(config)), { pragmas: CONNECTION_PRAGMAS, retry: options.retry })
		: createClient(clientOptions(config));
	if (config.embedded) {
		// WAL is kept in the file; the others are set here for the first connection.
		await client.execute('PRAGMA journal_mode = WAL');
		for (const pragma of CONNECTION_PRAGMAS) await client.execute(pragma);
	}
	return { client, db: drizzle(client, { schema, casing: 'snake_case' }), config };
}

export interface Pragmas {
	journalMode: string;
	synchronous: number;
	foreignKeys: number;
	busyTimeout: number;
}

export async function readPragmas(client: Client): Promise<Pragmas> {
	const one = async (name: string) => {
		const result = await client.execute(`PRAGMA ${name}`);
		const row = result.rows[0];
		return row ? row[0] : null;
	};
	return {
		journalMode: String(await one('journal_mode')),
		synchronous: Number(await one('synchronous')),
		foreignKeys: Number(await one('foreign_keys')),
		busyTimeout: Number(await one('busy_timeout'))
	};
}
