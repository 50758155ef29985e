import type { Client, InArgs, InStatement, Replicated, ResultSet, Transaction, TransactionMode } from '@libsql/client';
import { BUSY_RETRY, isBusy, retryWhileBusy, type BusyRetry } from './busy';

/** How long a query waits for another request's transaction before giving up. */
export const LOCK_WAIT_MS = 15_000;

/** Runs once: a failed attempt is not tried again, but the connection is still replaced. */
const ONCE: BusyRetry = { budgetMs: 0, pausesMs: [0] };

export interface SerialOptions {
	/** Per-connection settings (foreign keys, synchronous), applied again to every new connection. */
	pragmas?: readonly string[];
	retry?: BusyRetry;
}

/**
 * One embedded connection, shared by every request in this process. The native driver runs each
 * statement synchronously, so a second connection would add no parallelism, and while one request's
 * transaction awaits between statements another request's write would block the event loop inside
 * SQLite's busy handler. So every operation takes its turn here, in order, and a transaction keeps
 * the turn until it ends (the client alone answers TRANSACTION_ACTIVE).
 *
 * SQLITE_BUSY (another process held the write lock past the busy timeout) is handled here too: the
 * connection is replaced (see #reset), and a BEGIN or a single statement, which changed nothing, is
 * tried again after a pause that leaves the event loop free (db/busy.ts). SECURITY.md 18.
 *
 * Never call db() inside a transaction callback: use the transaction. Doing so would wait for
 * itself; it fails after LOCK_WAIT_MS with a message saying so.
 */
export class SerialClient implements Client {
	#inner: Client;
	#pragmas: readonly string[];
	#retry: BusyRetry;
	#tail: Promise<void> = Promise.resolve();
	/** Turns taken and not yet given back: the one running and those queued behind it. */
	#taken = 0;

	constructor(inner: Client, options: SerialOptions = {}) {
		this.#inner = inner;
		this.#pragmas = options.pragmas ?? [];
		this.#retry = options.retry ?? BUSY_RETRY;
	}

	get closed(): boolean {
		return this.#inner.closed;
	}

	get protocol(): string {
		return this.#inner.protocol;
	}

	/** Waits for every earlier caller; the answer gives the turn back (once, however often called). */
	async #turn(): Promise<() => void> {
		const previous = this.#tail;
		let release!: () => void;
		this.#tail = new Promise<void>((resolve) => (release = resolve));
		const queued = this.#taken++ > 0;
		let given = false;
		const giveBack = () => {
			if (given) return;
			given = true;
			this.#taken--;
			release();
		};
		if (queued) {
			try {
				await this.#withTimeout(previous);
			} catch (error) {
				// Give up our place without blocking those behind us.
				void previous.then(giveBack);
				throw error;
			}
		}
		return giveBack;
	}

	#withTimeout(wait: Promise<void>): Promise<void> {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(
				() => reject(new Error(`Waited ${LOCK_WAIT_MS} ms for another transaction on the database (is db() used inside a transaction callback?)`)),
				LOCK_WAIT_MS
			);
		});
		return Promise.race([wait, timeout]).finally(() => clearTimeout(timer));
	}

	/**
	 * Replaces the connection. After SQLITE_BUSY the native driver leaves the failed statement open on
	 * its connection, and SQLite then holds back every later commit there: a transaction fails with
	 * "cannot commit transaction - SQL statements in progress", and a single statement seems to succeed
	 * but stays uncommitted, keeping the write lock, until the process ends and it is lost.
	 */
	async #reset(): Promise<void> {
		await this.#inner.reconnect();
		for (const pragma of this.#pragmas) await this.#inner.execute(pragma);
	}

	async #run<T>(operation: () => Promise<T>, retry: BusyRetry): Promise<T> {
		const giveBack = await this.#turn();
		try {
			return await retryWhileBusy(operation, () => this.#reset(), retry);
		} finally {
			giveBack();
		}
	}

	execute(stmt: InStatement): Promise<ResultSet>;
	execute(sql: string, args?: InArgs): Promise<ResultSet>;
	execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
		// One statement outside a transaction: when it fails busy it changed nothing, so it may run again.
		return this.#run(() => (typeof stmt === 'string' ? this.#inner.execute(stmt, args) : this.#inner.execute(stmt)), this.#retry);
	}

	batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
		// A batch is one transaction, rolled back whole when a statement fails.
		return this.#run(() => this.#inner.batch(stmts, mode), this.#retry);
	}

	migrate(stmts: InStatement[]): Promise<ResultSet[]> {
		return this.#run(() => this.#inner.migrate(stmts), this.#retry);
	}

	executeMultiple(sql: string): Promise<void> {
		// Several statements, each committed alone: not safe to run again after a failure part-way.
		return this.#run(() => this.#inner.executeMultiple(sql), ONCE);
	}

	async transaction(mode?: TransactionMode): Promise<Transaction> {
		const giveBack = await this.#turn();
		try {
			// Only BEGIN is tried again: the caller's statements have not run yet.
			const tx = await retryWhileBusy(() => this.#inner.transaction(mode), () => this.#reset(), this.#retry);
			return new SerialTransaction(tx, giveBack, () => this.#reset());
		} catch (error) {
			giveBack();
			throw error;
		}
	}

	sync(): Promise<Replicated> {
		return this.#inner.sync();
	}

	close(): void {
		this.#inner.close();
	}

	reconnect(): void {
		// In turn, so that no transaction loses its connection; a failure shows on the next operation.
		this.#run(() => this.#reset(), ONCE).catch(() => undefined);
	}
}

class SerialTransaction implements Transaction {
	#tx: Transaction;
	#giveBack: () => void;
	#reset: () => Promise<void>;
	#sawBusy = false;
	#finished = false;

	constructor(tx: Transaction, giveBack: () => void, reset: () => Promise<void>) {
		this.#tx = tx;
		this.#giveBack = giveBack;
		this.#reset = reset;
	}

	get closed(): boolean {
		return this.#tx.closed;
	}

	/** Notes SQLITE_BUSY, so that the connection is replaced when the transaction ends. */
	async #watch<T>(operation: Promise<T>): Promise<T> {
		try {
			return await operation;
		} catch (error) {
			if (isBusy(error)) this.#sawBusy = true;
			throw error;
		}
	}

	async #finish(): Promise<void> {
		if (this.#finished) return;
		this.#finished = true;
		try {
			if (this.#sawBusy) await this.#reset();
		} finally {
			this.#giveBack();
		}
	}

	execute(stmt: InStatement): Promise<ResultSet> {
		return this.#watch(this.#tx.execute(stmt));
	}

	batch(stmts: InStatement[]): Promise<ResultSet[]> {
		return this.#watch(this.#tx.batch(stmts));
	}

	executeMultiple(sql: string): Promise<void> {
		return this.#watch(this.#tx.executeMultiple(sql));
	}

	async commit(): Promise<void> {
		try {
			await this.#watch(this.#tx.commit());
		} finally {
			if (this.#tx.closed) await this.#finish();
		}
	}

	async rollback(): Promise<void> {
		try {
			await this.#tx.rollback();
		} finally {
			await this.#finish();
		}
	}

	close(): void {
		try {
			this.#tx.close();
		} finally {
			// A failed reset shows on the next operation.
			this.#finish().catch(() => undefined);
		}
	}
}
