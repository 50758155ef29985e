/**
 * `npm run restore -- path/to/backup.db [--force]`: puts a backup back as the database named by
 * DATABASE_URL (with DATABASE_ENCRYPTION_KEY for an encrypted one). Stop the app first; an existing
 * database is replaced only with --force.
 */
import { restoreDatabase } from '../src/lib/server/backup/backup';
import { readDatabaseConfig } from '../src/lib/server/db/config';

const args = process.argv.slice(2);
const backup = args.find((a) => !a.startsWith('--'));
if (!backup) {
	console.error('Usage: npm run restore -- path/to/backup.db [--force]');
	process.exit(2);
}
try {
	const check = await restoreDatabase(readDatabaseConfig(process.env), backup, { force: args.includes('--force') });
	console.log(`Restored ${backup} to ${check.path}; integrity check: ${check.integrity}. Start the app again.`);
} catch (e) {
	console.error(`Restore failed: ${(e as Error).message}`);
	process.exit(1);
}
