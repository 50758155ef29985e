import { and, eq, gt, lt } from 'drizzle-orm';
import { t, type Queryable } from '../db';
import { newId } from '../util/ids';

export const PENDING_FORM_COOKIE = 'pending_form';
const KEEP_MS = 60 * 60_000;
/**
 * Fields never kept: superforms' bookkeeping (its id aside), and anything secret, whatever the form
 * calls it: passwords (the account form names them current, password and confirm), authenticator and
 * recovery codes, secrets and tokens. `code` is matched as a whole name so that a postcode is kept.
 */
const SKIP = /password|passphrase|secret|token|^(current|confirm|code|recoveryCode|otp|totp)$|^__superform_(?!id$)/i;

/** Keeps what was posted after a timeout, for the same user and page, for an hour. */
export async function keepPendingForm(q: Queryable, userId: string, path: string, form: FormData, now = new Date()): Promise<string> {
	const entries: [string, string][] = [];
	for (const [name, value] of form.entries()) {
		if (typeof value === 'string' && !SKIP.test(name)) entries.push([name, value]);
	}
	const id = newId();
	await q.delete(t.pendingForm).where(eq(t.pendingForm.userId, userId));
	await q.insert(t.pendingForm).values({
		id,
		userId,
		path,
		payload: JSON.stringify(entries),
		expiresAt: new Date(now.getTime() + KEEP_MS),
		createdAt: now
	});
	return id;
}

/** Takes a kept form back (once) when the same user is on the same page again. */
export async function takePendingForm(q: Queryable, id: string, userId: string, path: string, now = new Date()): Promise<FormData | null> {
	const [row] = await q
		.delete(t.pendingForm)
		.where(and(eq(t.pendingForm.id, id), eq(t.pendingForm.userId, userId), eq(t.pendingForm.path, path), gt(t.pendingForm.expiresAt, now)))
		.returning();
	if (!row) return null;
	const form = new FormData();
	for (const [name, value] of JSON.parse(row.payload) as [string, string][]) form.append(name, value);
	return form;
}

export async function purgeExpiredPendingForms(q: Queryable, now = new Date()): Promise<void> {
	await q.delete(t.pendingForm).where(lt(t.pendingForm.expiresAt, now));
}
