import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Client, InValue } from '@libsql/client';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';

/** SQLite allows 32,766 bound values per statement; stay well under it. */
const MAX_VALUES = 30_000;
const MAX_ROWS = 500;
/** Rows per transaction: large, so the load is not bound by commits. */
const COMMIT_EVERY = 200_000;

/**
 * The client prepares a native statement for every execute and frees it only when the JS wrapper is
 * garbage-collected; a big multi-row statement is small on the JS heap, so V8 feels no pressure and
 * native memory grew by gigabytes over a full run. A full collection after each transaction frees them.
 */
function collectGarbage(): void {
	setFlagsFromString('--expose_gc');
	(runInNewContext('gc') as () => void)();
}

interface TableInfo {
	name: string;
	columns: { key: string; column: SQLiteColumn }[];
	head: string;
	tuple: string;
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
				tuple: `(${columns.map(() => '?').join(', ')})`,
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
		const tx = await this.client.transaction('write');
		try {
			for (const info of this.tables.values()) {
				const rows = info.rows;
				info.rows = [];
				for (let i = 0; i < rows.length; i += info.size) await tx.execute(this.statement(info, rows.slice(i, i + info.size)));
				this.counts[info.name] = (this.counts[info.name] ?? 0) + rows.length;
			}
			await tx.commit();
		} finally {
			tx.close();
		}
		this.buffered = 0;
		collectGarbage();
	}

	private statement(info: TableInfo, rows: Record<string, unknown>[]): { sql: string; args: InValue[] } {
		const args: InValue[] = [];
		for (const row of rows) {
			for (const { key, column } of info.columns) {
				let value = row[key];
				if (value === undefined) value = column.default ?? null;
				args.push(value === null ? null : (column.mapToDriverValue(value) as InValue));
			}
		}
		return { sql: info.head + new Array<string>(rows.length).fill(info.tuple).join(', '), args };
	}
}
