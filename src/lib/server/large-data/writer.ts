import type { Client } from '@libsql/client';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';

/** Keeps each INSERT statement to a modest size. */
const MAX_VALUES = 20_000;
const MAX_ROWS = 500;
/** Rows per transaction: large, so the load is not bound by commits. */
const COMMIT_EVERY = 200_000;

interface TableInfo {
	name: string;
	columns: { key: string; column: SQLiteColumn }[];
	head: string;
	size: number;
	rows: Record<string, unknown>[];
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Buffers rows per table (typed by the drizzle schema) and writes them as plain multi-row INSERT
 * statements in large transactions. Values go through each column's own driver mapping (dates as
 * milliseconds, booleans as 0/1) and missing values take the schema's default, as drizzle's insert
 * would; drizzle's query builder itself cost more than the database at 13 million rows. Not the
 * domain functions either: the generator writes what they would have written (case-front.ts, case-back.ts).
 */
export class RowWriter {
	private tables = new Map<SQLiteTable, TableInfo>();
	private buffered = 0;
	readonly counts: Record<string, number> = {};

	constructor(private client: Client) {}

	private info(table: SQLiteTable): TableInfo {
		let info = this.tables.get(table);
		if (!info) {
			const config = getTableConfig(table);
			// A column declared without a name is named by its key; the app's casing turns it to snake_case.
			const columns = Object.entries(table as unknown as Record<string, unknown>)
				.filter(([, v]) => config.columns.includes(v as SQLiteColumn))
				.map(([key, column]) => ({ key, column: column as SQLiteColumn }))
				.filter(({ column }) => !(column as { autoIncrement?: boolean }).autoIncrement);
			// Autoincrement ids (case_event, audit_event) are left to SQLite, so they rise in insertion order.
			info = {
				name: config.name,
				columns,
				head: `INSERT INTO "${config.name}" (${columns.map((c) => `"${snake(c.key)}"`).join(', ')}) VALUES `,
				size: Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VALUES / columns.length))),
				rows: []
			};
			this.tables.set(table, info);
		}
		return info;
	}

	add<T extends SQLiteTable>(table: T, row: T['$inferInsert']): void {
		this.info(table).rows.push(row as Record<string, unknown>);
		this.buffered++;
	}

	addAll<T extends SQLiteTable>(table: T, rows: readonly T['$inferInsert'][]): void {
		for (const row of rows) this.add(table, row);
	}

	/** Writes the buffers once they hold enough rows (call between units of work). */
	async maybeFlush(): Promise<void> {
		if (this.buffered >= COMMIT_EVERY) await this.flush();
	}

	/** Writes every buffered row in one transaction. */
	async flush(): Promise<void> {
		// One script through executeMultiple (sqlite3_exec), which prepares and finalizes each statement
		// itself: statements prepared through `execute`/`batch` were not freed, and a full run grew past 6 GB.
		const script: string[] = ['BEGIN'];
		for (const info of this.tables.values()) {
			const rows = info.rows;
			info.rows = [];
			for (let i = 0; i < rows.length; i += info.size) script.push(this.statement(info, rows.slice(i, i + info.size)));
			this.counts[info.name] = (this.counts[info.name] ?? 0) + rows.length;
		}
		script.push('COMMIT');
		await this.client.executeMultiple(script.join(';\n'));
		this.buffered = 0;
	}

	private statement(info: TableInfo, rows: Record<string, unknown>[]): string {
		const tuples: string[] = [];
		for (const row of rows) {
			const values: string[] = [];
			for (const { key, column } of info.columns) {
				let value = row[key];
				if (value === undefined) value = column.default ?? null;
				values.push(literal(value === null ? null : column.mapToDriverValue(value)));
			}
			tuples.push(`(${values.join(', ')})`);
		}
		return info.head + tuples.join(', ');
	}
}

/** An SQL literal for a driver value: text quoted with quotes doubled, bytes as a hex blob. */
function literal(value: unknown): string {
	if (value === null || value === undefined) return 'NULL';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error('A generated number must be finite');
		return String(value);
	}
	if (typeof value === 'bigint') return String(value);
	if (typeof value === 'boolean') return value ? '1' : '0';
	if (Buffer.isBuffer(value)) return `X'${value.toString('hex')}'`;
	if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
	throw new Error(`Cannot write a ${typeof value} as SQL`);
}
