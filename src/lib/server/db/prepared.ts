import { fillPlaceholders } from 'drizzle-orm';
import { db, isAppDatabase, type Db, type Queryable } from './index';

interface Preparable<R> {
	all(values?: Record<string, unknown>): Promise<R>;
	getQuery(): { sql: string; params: unknown[] };
}

/** A prepared query with its values: run it, or show it (the query-plans test explains it). */
export interface BoundQuery<R> {
	all(): Promise<R>;
	toSQL(): { sql: string; params: unknown[] };
}

/**
 * A query built once per database and shape, then run with values (issue 8). Drizzle takes about
 * 0.1 ms to build a join like the due list's, longer than SQLite takes to run it, on every request.
 * The shape names what changes the SQL (a filter on or off); everything else is a placeholder.
 * Drizzle passes placeholder values to the driver as they are, without the column's mapping: give
 * what the column stores (a `timestamp_ms` column: epoch milliseconds).
 */
export function preparedByShape<Shape extends string, R>(build: (q: Db, shape: Shape) => Preparable<R>): (shape: Shape, values: Record<string, unknown>) => BoundQuery<R> {
	const kept = new WeakMap<Db, Map<Shape, Preparable<R>>>();
	return (shape, values) => {
		const q = db();
		let byShape = kept.get(q);
		if (!byShape) {
			byShape = new Map();
			kept.set(q, byShape);
		}
		let prepared = byShape.get(shape);
		if (!prepared) {
			prepared = build(q, shape);
			byShape.set(shape, prepared);
		}
		const query = prepared;
		return {
			all: () => query.all(values),
			toSQL: () => {
				const { sql, params } = query.getQuery();
				return { sql, params: fillPlaceholders(params, values) };
			}
		};
	};
}

/** {@link preparedByShape} for a query with one shape. */
export function preparedQuery<R>(build: (q: Db) => Preparable<R>): (values: Record<string, unknown>) => BoundQuery<R> {
	const byShape = preparedByShape((q, _shape: 'one') => build(q));
	return (values) => byShape('one', values);
}

/**
 * One query for the app's database and for a transaction or another database a script opened: on
 * the app's database it is built once ({@link preparedQuery}); elsewhere it is built afresh each
 * time, from the same builder with the same placeholders, and run in that transaction.
 */
export function preparedOnEither<R>(build: (q: Queryable) => Preparable<R>): (q: Queryable, values: Record<string, unknown>) => Promise<R> {
	const onApp = preparedQuery((q) => build(q));
	return (q, values) => (isAppDatabase(q) ? onApp(values).all() : build(q).all(values));
}
