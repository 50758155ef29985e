import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { afterAll, describe, expect, it } from 'vitest';
import * as schema from '$lib/server/db/schema';
import { migrateUnderLock } from '$lib/server/db/migrate';

/**
 * Migration 0007 gives cases that closed before retention was recorded their closure time (from the
 * chronology) and their review date, by the rule of src/lib/server/retention/dates.ts.
 */
const dir = mkdtempSync(join(tmpdir(), 'divert-retention-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as it was before retention: the journal without 0007. */
function migrationsBefore(tag: string): string {
	const folder = join(dir, 'before');
	cpSync('drizzle', folder, { recursive: true });
	const journalPath = join(folder, 'meta', '_journal.json');
	const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
	const at = journal.entries.findIndex((e) => e.tag === tag);
	writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
	return folder;
}

describe('migration 0007 (retention)', () => {
	it('dates the cases already closed: 25th birthday with child protection, three years after closure without', async () => {
		const client = createClient({ url: `file:${join(dir, 'old.db')}` });
		const db = drizzle(client, { schema, casing: 'snake_case' });
		await migrateUnderLock(client, db, migrationsBefore('0007_retention'));
		const now = Date.parse('2026-11-02T10:00:00Z');
		await client.execute({ sql: "INSERT INTO service (id, name, created_at) VALUES ('s', 'Service', ?)", args: [now] });
		await client.execute({ sql: "INSERT INTO school (id, service_id, name, urn, type, phase, local_authority, active, created_at) VALUES ('k', 's', 'School', '900001', 'Academy', 'Secondary', 'LA', 1, ?)", args: [now] });
		const referral = (id: string, state: string, cp: number, dob: string) =>
			client.execute({
				sql: 'INSERT INTO referral (id, service_id, school_id, state, created_at, created_by, updated_at, child_protection, date_of_birth) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
				args: [id, 's', 'k', state, now, 'u', now, cp, dob]
			});
		const closed = (id: string, at: number) =>
			client.execute({ sql: "INSERT INTO case_event (referral_id, service_id, school_id, at, kind, from_state, to_state) VALUES (?, 's', 'k', ?, 'transition', 'withdrawn', 'closed')", args: [id, at] });
		await referral('plain', 'closed', 0, '2011-05-10');
		await closed('plain', Date.parse('2026-03-02T12:00:00Z'));
		await referral('cp', 'closed', 1, '2012-02-29');
		await closed('cp', Date.parse('2026-03-02T12:00:00Z'));
		// Closed at 23:30 on 31 March in London (22:30 UTC, summer time): the London date is 31 March.
		await referral('late', 'closed', 0, '2011-05-10');
		await closed('late', Date.parse('2026-03-31T22:30:00Z'));
		await referral('open', 'in_programme', 0, '2011-05-10');

		await migrateUnderLock(client, db, 'drizzle');
		const rows = await client.execute('SELECT id, closed_at, retention_review_on, retention_basis FROM referral ORDER BY id');
		expect(rows.rows.map((r) => ({ ...r }))).toEqual([
			{ id: 'cp', closed_at: Date.parse('2026-03-02T12:00:00Z'), retention_review_on: '2037-03-01', retention_basis: 'child_protection' },
			{ id: 'late', closed_at: Date.parse('2026-03-31T22:30:00Z'), retention_review_on: '2029-03-31', retention_basis: 'diversion' },
			{ id: 'open', closed_at: null, retention_review_on: null, retention_basis: null },
			{ id: 'plain', closed_at: Date.parse('2026-03-02T12:00:00Z'), retention_review_on: '2029-03-02', retention_basis: 'diversion' }
		]);
		client.close();
	});
});
