// Opens the database named by DATABASE_URL and applies migrations under the lock, like an app
// instance starting up. Run as a child process by the migration-lock test.
import { openDatabase } from '../../src/lib/server/db/client';
import { readDatabaseConfig } from '../../src/lib/server/db/config';
import { migrateUnderLock } from '../../src/lib/server/db/migrate';

const database = await openDatabase(readDatabaseConfig(process.env));
await migrateUnderLock(database.client, database.db);
database.client.close();
process.stdout.write('migrated\n');
