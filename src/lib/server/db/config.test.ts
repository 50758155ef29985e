import { describe, expect, it } from 'vitest';
import { clientOptions, readDatabaseConfig } from './config';

describe('database configuration', () => {
	it('defaults to a libSQL file under data/', () => {
		const config = readDatabaseConfig({});
		expect(config).toEqual({ url: 'file:data/divert.db', encryptionKey: undefined, embedded: true });
		expect(clientOptions(config)).toMatchObject({ url: 'file:data/divert.db', timeout: 1000, concurrency: 1 });
	});

	it('passes the encryption key for a file', () => {
		const config = readDatabaseConfig({ DATABASE_URL: 'file:/tmp/x.db', DATABASE_ENCRYPTION_KEY: 'k'.repeat(32) });
		expect(clientOptions(config)).toMatchObject({ url: 'file:/tmp/x.db', encryptionKey: 'k'.repeat(32) });
	});

	it.each(['libsql://db.example.org', 'https://db.example.org', 'http://127.0.0.1:8080', 'wss://db.example.org', 'ws://127.0.0.1:8080'])(
		'configures a libSQL server at %s with the auth token (remote mode; unverified on these machines)',
		(url) => {
			const config = readDatabaseConfig({ DATABASE_URL: url, DATABASE_AUTH_TOKEN: 'token-123' });
			expect(config.embedded).toBe(false);
			const options = clientOptions(config);
			expect(options).toEqual({ url, authToken: 'token-123', intMode: 'number' });
		}
	);

	it('refuses an encryption key with a remote server, where it would do nothing', () => {
		expect(() => readDatabaseConfig({ DATABASE_URL: 'libsql://db.example.org', DATABASE_ENCRYPTION_KEY: 'x' })).toThrow(/server's storage/);
	});

	it('refuses unknown schemes and in-memory databases', () => {
		expect(() => readDatabaseConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/must start with/);
		expect(() => readDatabaseConfig({ DATABASE_URL: 'file::memory:' })).toThrow(/in-memory/);
	});
});
