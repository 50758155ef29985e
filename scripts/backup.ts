/**
 * `npm run backup [-- --out backups/name.db]`: an online copy of the database while the app runs,
 * checked with integrity_check. Reads DATABASE_URL and DATABASE_ENCRYPTION_KEY like the app.
 */
import { backupDatabase } from '../src/lib/server/backup/backup';
import { readDatabaseConfig } from '../src/lib/server/db/config';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const out = outAt >= 0 ? args[outAt + 1] : `backups/divert-${stamp}.db`;
if (!out) {
	console.error('Usage: npm run backup -- [--out path/to/backup.db]');
	process.exit(2);
}
try {
	const check = await backupDatabase(readDatabaseConfig(process.env), out);
	const total = Object.values(check.rows).reduce((a, b) => a + b, 0);
	console.log(`Backup written to ${check.path} (${check.bytes.toLocaleString('en-GB')} bytes, ${total.toLocaleString('en-GB')} rows); integrity check: ${check.integrity}`);
} catch (e) {
	console.error(`Backup failed: ${(e as Error).message}`);
	process.exit(1);
}
