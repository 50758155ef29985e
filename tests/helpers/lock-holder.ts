// Holds the write lock of the database named by DATABASE_URL, as another process would (a second
// instance, a script): BEGIN IMMEDIATE, one audit row, then after HOLD_MS a commit. Prints "locked"
// once it holds the lock and "released" after the commit. Run as a child by the SQLITE_BUSY test.
import { createClient } from '@libsql/client';

const client = createClient({ url: process.env.DATABASE_URL ?? '' });
const held = await client.transaction('write');
await held.execute({ sql: "INSERT INTO audit_event (at, action) VALUES (?, 'test.lock-holder')", args: [Date.now()] });
process.stdout.write('locked\n');
await new Promise((resolve) => setTimeout(resolve, Number(process.env.HOLD_MS)));
await held.commit();
client.close();
process.stdout.write('released\n');
