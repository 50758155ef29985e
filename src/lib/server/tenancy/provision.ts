import { recordAudit } from '../audit/audit';
import { t, type Db, type Tx } from '../db';
import { issuePasswordLink } from '../users/links';
import { newId } from '../util/ids';
import type { Role } from '$lib/roles';
import { seedServiceDefaults } from '../settings/defaults';

export interface NewService {
	name: string;
	admin: { email: string; displayName: string };
}

/**
 * Creates a service with its first provider admin (no web account spans services, so this runs from
 * the command line). Returns the admin's one-time set-password link.
 */
export async function createService(db: Db, input: NewService, now = new Date()) {
	return db.transaction(async (tx) => {
		const serviceId = newId();
		await tx.insert(t.service).values({ id: serviceId, name: input.name, createdAt: now });
		await seedServiceDefaults(tx, serviceId, now);
		const adminUserId = await insertUser(tx, { ...input.admin, role: 'provider_admin', serviceId, schoolId: null }, now);
		const link = await issuePasswordLink(tx, adminUserId, 'set-password', now);
		await recordAudit(tx, null, { action: 'service.created', serviceId, recordType: 'service', recordId: serviceId });
		await recordAudit(tx, null, { action: 'user.created', serviceId, recordType: 'user', recordId: adminUserId, detail: { role: 'provider_admin' } });
		return { serviceId, adminUserId, link };
	});
}

export interface NewUserRow {
	email: string;
	displayName: string;
	role: Role;
	serviceId: string;
	schoolId: string | null;
	senior?: boolean;
	passwordHash?: string | null;
	totpKey?: Uint8Array | null;
}

/** Inserts a user with their membership. Callers check scope and write the audit row. */
export async function insertUser(tx: Tx, input: NewUserRow, now = new Date()): Promise<string> {
	const userId = newId();
	await tx.insert(t.user).values({
		id: userId,
		email: input.email.trim().toLowerCase(),
		displayName: input.displayName,
		active: true,
		senior: input.senior ?? false,
		passwordHash: input.passwordHash ?? null,
		passwordChangedAt: input.passwordHash ? now : null,
		totpKey: input.totpKey ? Buffer.from(input.totpKey) : null,
		totpEnrolledAt: input.totpKey ? now : null,
		createdAt: now
	});
	await tx.insert(t.membership).values({ id: newId(), userId, role: input.role, serviceId: input.serviceId, schoolId: input.schoolId, createdAt: now });
	return userId;
}
