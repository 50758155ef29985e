import type { Config } from '@libsql/client';

export interface DatabaseConfig {
	url: string;
	authToken?: string;
	encryptionKey?: string;
	/** True for a file on this machine; false for a libSQL server shared by several instances. */
	embedded: boolean;
}

export const DEFAULT_DATABASE_URL = 'file:data/divert.db';
const REMOTE_SCHEMES = ['libsql:', 'http:', 'https:', 'ws:', 'wss:'];
/**
 * How long a statement waits for another process's write lock before failing with SQLITE_BUSY (the
 * busy timeout). SQLite waits inside the statement, blocking the event loop, so this is kept short:
 * SerialClient then tries again for longer, with pauses that leave the server free (db/busy.ts).
 */
export const BUSY_TIMEOUT_MS = 1000;

/** Reads DATABASE_URL, DATABASE_AUTH_TOKEN and DATABASE_ENCRYPTION_KEY; refuses anything it cannot honour. */
export function readDatabaseConfig(env: Record<string, string | undefined>): DatabaseConfig {
	const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
	const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
	const authToken = env.DATABASE_AUTH_TOKEN?.trim() || undefined;
	const encryptionKey = env.DATABASE_ENCRYPTION_KEY || undefined;
	if (scheme === 'file:') {
		if (url === 'file::memory:' || url.includes('mode=memory')) {
			throw new Error('DATABASE_URL: an in-memory database would lose every record on restart');
		}
		return { url, encryptionKey, embedded: true };
	}
	if (REMOTE_SCHEMES.includes(scheme)) {
		if (encryptionKey) {
			throw new Error(
				'DATABASE_ENCRYPTION_KEY encrypts a local file; with a libSQL server, encrypt the server\'s storage instead'
			);
		}
		return { url, authToken, embedded: false };
	}
	throw new Error(`DATABASE_URL must start with file:, libsql:, http(s): or ws(s): (got "${scheme || url}")`);
}

/** The options handed to @libsql/client. One connection for a file: see db/client.ts. */
export function clientOptions(config: DatabaseConfig): Config {
	if (config.embedded) {
		return {
			url: config.url,
			encryptionKey: config.encryptionKey,
			timeout: BUSY_TIMEOUT_MS,
			concurrency: 1,
			intMode: 'number'
		};
	}
	return { url: config.url, authToken: config.authToken, intMode: 'number' };
}
