/**
 * `npm run demo:code -- <email>`: prints a demo account's current authenticator code, read from the
 * key in DATABASE_URL (default file:data/divert.db). Demo accounts only.
 */
import { ensureKitPaths } from './lib/kit';

await ensureKitPaths();
const email = process.argv[2];
if (!email || process.argv.length > 3) {
	process.stderr.write('Usage: npm run demo:code -- <email>\n');
	process.exit(2);
}
const { closeDatabase, db, startDatabase } = await import('../src/lib/server/db');
const { demoCodeFor } = await import('../src/lib/server/demo/codes');
await startDatabase();
const result = await demoCodeFor(db(), email);
await closeDatabase();
if (!result.ok) {
	process.stderr.write(`${result.message}\n`);
	process.exit(1);
}
process.stdout.write(`${result.code}\n`);
process.stderr.write(`Valid for ${result.secondsLeft} more seconds, and once only: the next code comes after that.\n`);
