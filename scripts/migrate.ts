/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (the server also does this at start). */
import { ensureKitPaths } from './lib/kit';

await ensureKitPaths();
const { closeDatabase, database, startDatabase } = await import('../src/lib/server/db');
await startDatabase();
const { url, embedded } = database().config;
await closeDatabase();
// A remote URL is printed without its query string, which may carry credentials.
process.stdout.write(`Migrations applied to ${embedded ? url : (url.split('?')[0] ?? '')}\n`);
