import { createRequire } from 'node:module';

/**
 * Keeps the embedded driver's prepared statements, so a statement the app runs again is not parsed
 * and planned again (issue 8's bench).
 *
 * @libsql/client prepares every statement afresh on every execute, and asks the statement for its
 * columns twice; on the case page, with some thirty small reads, that was a fifth of the server's
 * time. This wraps the native `prepare` of the `libsql` module that @libsql/client loads:
 * - one cache per connection (a replaced connection starts empty), the least recently used of
 *   {@link LIMIT} going first;
 * - any schema statement (CREATE, ALTER, DROP, PRAGMA…) empties that connection's cache and is never
 *   kept; SQLite itself re-prepares a kept statement whose schema has changed;
 * - a statement's columns are kept too, except where the SQL has a `*` that could widen with the
 *   schema (`select *`), where they are asked for each time;
 * - a kept statement is safe to run again after an error (SQLite resets it before each run).
 * Statements run synchronously, so a kept statement is never in use twice at once.
 */
const LIMIT = 500;
const SCHEMA = /^\s*(create|alter|drop|pragma|vacuum|analyze|attach|detach|reindex)\b/i;

interface NativeStatement {
	columns(): unknown;
}
interface NativeDatabase {
	prepare(sql: string): NativeStatement;
}

const caches = new WeakMap<NativeDatabase, Map<string, NativeStatement>>();
let installed = false;

/** Columns are fixed by the SQL unless it selects `*` (other than in count(*)). */
function columnsAreFixed(sql: string): boolean {
	return !sql.replace(/count\(\*\)/gi, '').includes('*');
}

function keep(statement: NativeStatement): NativeStatement {
	const columns = statement.columns.bind(statement);
	let known: unknown;
	statement.columns = () => (known ??= columns());
	return statement;
}

export function installStatementCache(): void {
	if (installed) return;
	installed = true;
	const Database = createRequire(import.meta.url)('libsql') as { prototype: NativeDatabase };
	const prepare = Database.prototype.prepare;
	Database.prototype.prepare = function (this: NativeDatabase, sql: string): NativeStatement {
		if (SCHEMA.test(sql)) {
			caches.delete(this);
			return prepare.call(this, sql);
		}
		let cache = caches.get(this);
		if (!cache) {
			cache = new Map();
			caches.set(this, cache);
		}
		const found = cache.get(sql);
		if (found) {
			cache.delete(sql);
			cache.set(sql, found);
			return found;
		}
		const prepared = prepare.call(this, sql);
		const statement = columnsAreFixed(sql) ? keep(prepared) : prepared;
		cache.set(sql, statement);
		if (cache.size > LIMIT) {
			const oldest = cache.keys().next().value;
			if (oldest !== undefined) cache.delete(oldest);
		}
		return statement;
	};
}
