import type { Client, InArgs, InStatement, Replicated, ResultSet, Transaction, TransactionMode } from '@libsql/client';

/** How long a query waits for another request's transaction before giving up. */
export const LOCK_WAIT_MS = 15_000;

/**
 * One embedded connection, shared by every request in this process. The native driver runs each
 * statement synchronously, so a second connection would add no parallelism, and while one request's
 * transaction awaits between statements another request's write would block the event loop inside
 * SQLite's busy handler. So transactions take turns here, in order, and plain queries wait for the
 * open transaction to finish rather than failing (the client alone answers TRANSACTION_ACTIVE).
 *
 * Never call db() inside a transaction callback: use the transaction. Doing so would wait for
 * itself; it fails after LOCK_WAIT_MS with a message saying so.
 */
export class SerialClient implements Client {
	#inner: Client;
	#tail: Promise<void> = Promise.resolve();
	#held = false;

	constructor(inner: Client) {
		this.#inner = inner;
	}

	get closed(): boolean {
		return this.#inner.closed;
	}

	get protocol(): string {
		return this.#inner.protocol;
	}

	/** Resolves when no transaction is open (or fails after LOCK_WAIT_MS). */
	async #idle(): Promise<void> {
		while (this.#held) await this.#withTimeout(this.#tail);
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

	execute(stmt: InStatement): Promise<ResultSet>;
	execute(sql: string, args?: InArgs): Promise<ResultSet>;
	async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
		await this.#idle();
		return typeof stmt === 'string' ? this.#inner.execute(stmt, args) : this.#inner.execute(stmt);
	}

	async batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
		await this.#idle();
		return this.#inner.batch(stmts, mode);
	}

	async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
		await this.#idle();
		return this.#inner.migrate(stmts);
	}

	async executeMultiple(sql: string): Promise<void> {
		await this.#idle();
		return this.#inner.executeMultiple(sql);
	}

	async transaction(mode?: TransactionMode): Promise<Transaction> {
		const previous = this.#tail;
		let release!: () => void;
		this.#tail = new Promise<void>((resolve) => (release = resolve));
		try {
			await this.#withTimeout(previous);
		} catch (error) {
			// Give up our place without blocking those behind us.
			void previous.then(release);
			throw error;
		}
		this.#held = true;
		let released = false;
		const done = () => {
			if (released) return;
			released = true;
			this.#held = false;
			release();
		};
		let tx: Transaction;
		try {
			tx = await this.#inner.transaction(mode);
		} catch (error) {
			done();
			throw error;
		}
		return new SerialTransaction(tx, done);
	}

	sync(): Promise<Replicated> {
		return this.#inner.sync();
	}

	close(): void {
		this.#inner.close();
	}

	reconnect(): void {
		this.#inner.reconnect();
	}
}

class SerialTransaction implements Transaction {
	#tx: Transaction;
	#done: () => void;

	constructor(tx: Transaction, done: () => void) {
		this.#tx = tx;
		this.#done = done;
	}

	get closed(): boolean {
		return this.#tx.closed;
	}

	execute(stmt: InStatement): Promise<ResultSet> {
		return this.#tx.execute(stmt);
	}

	batch(stmts: InStatement[]): Promise<ResultSet[]> {
		return this.#tx.batch(stmts);
	}

	executeMultiple(sql: string): Promise<void> {
		return this.#tx.executeMultiple(sql);
	}

	async commit(): Promise<void> {
		try {
			await this.#tx.commit();
		} finally {
			if (this.#tx.closed) this.#done();
		}
	}

	async rollback(): Promise<void> {
		try {
			await this.#tx.rollback();
		} finally {
			this.#done();
		}
	}

	close(): void {
		try {
			this.#tx.close();
		} finally {
			this.#done();
		}
	}
}
