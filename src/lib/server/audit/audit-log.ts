import { asc, eq } from 'drizzle-orm';
import { ROLE_LABELS, ROLES, type Role } from '$lib/roles';
import type { Actor } from '../auth/actor';
import { scopeFor, type Action } from '../auth/policy';
import { db, t, type Queryable } from '../db';
import { recordAudit, searchAudit, type AuditFilter } from './audit';

/** A backstop behind the guard: only a provider admin reads the log, and only their own service's rows. */
export function assertAuditAccess(actor: Actor, action: Extract<Action, 'admin.audit.list' | 'admin.audit.export'>): void {
	if (scopeFor(action, actor.role) !== 'service') throw new Error('Only a provider admin can read the audit log');
}

/** The audit log's filter as the admin gave it: dates are ISO days in England, empty strings mean "any". */
export interface AuditFilterInput {
	action: string;
	userId: string;
	recordId: string;
	from: string | null;
	to: string | null;
	before: number | null;
}

export const AUDIT_PAGE_SIZE = 50;

const londonParts = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	hourCycle: 'h23',
	year: 'numeric',
	month: 'numeric',
	day: 'numeric',
	hour: 'numeric',
	minute: 'numeric',
	second: 'numeric'
});
const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'medium' });

/** The instant a day starts in England (00:00 GMT or BST). */
export function londonMidnight(iso: string): Date {
	const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
	const guess = Date.UTC(y, m - 1, d);
	const p = Object.fromEntries(londonParts.formatToParts(new Date(guess)).map((part) => [part.type, Number(part.value)]));
	const asIfUtc = Date.UTC(p.year ?? y, (p.month ?? m) - 1, p.day ?? d, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
	return new Date(guess - (asIfUtc - guess));
}

function nextDay(iso: string): string {
	const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export function formatLondonTime(at: Date): string {
	return londonTime.format(at);
}

/** The filter for the search: a date range covers whole days in England, both ends included. */
export function toAuditFilter(input: AuditFilterInput): AuditFilter {
	return {
		action: input.action || undefined,
		userId: input.userId || undefined,
		recordId: input.recordId || undefined,
		from: input.from ? londonMidnight(input.from) : undefined,
		to: input.to ? new Date(londonMidnight(nextDay(input.to)).getTime() - 1) : undefined,
		before: input.before ?? undefined
	};
}

/**
 * What the audit row of a search or export says about its filter (SECURITY.md 15): which filters were
 * used, with action codes, user ids and dates, but never the typed record id, which could be anything.
 */
export function filterDetail(input: AuditFilterInput): Record<string, string | null> {
	const used = (['action', 'userId', 'recordId', 'from', 'to'] as const).filter((key) => input[key]);
	return {
		filters: used.join(',') || 'none',
		action: input.action || null,
		userId: input.userId || null,
		from: input.from,
		to: input.to,
		page: input.before ? 'older' : 'newest'
	};
}

function roleLabel(role: string | null): string {
	return role && (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : '';
}

/** Names are looked up when shown: audit rows hold ids only. Only this service's people and schools. */
export async function serviceDirectory(q: Queryable, serviceId: string) {
	const users = await q
		.select({ id: t.user.id, name: t.user.displayName, role: t.membership.role })
		.from(t.membership)
		.innerJoin(t.user, eq(t.user.id, t.membership.userId))
		.where(eq(t.membership.serviceId, serviceId))
		.orderBy(asc(t.user.displayName));
	const schools = await q.select({ id: t.school.id, name: t.school.name }).from(t.school).where(eq(t.school.serviceId, serviceId));
	return {
		users: users.map((u) => ({ id: u.id, label: `${u.name} (${roleLabel(u.role)})` })),
		userName: new Map(users.map((u) => [u.id, u.name])),
		schoolName: new Map(schools.map((s) => [s.id, s.name]))
	};
}

export type ServiceDirectory = Awaited<ReturnType<typeof serviceDirectory>>;

/** The filter's lists: the actions that appear in this service's log, and the service's people. */
export async function auditFilterOptions(q: Queryable, serviceId: string) {
	const actions = await q.selectDistinct({ action: t.auditEvent.action }).from(t.auditEvent).where(eq(t.auditEvent.serviceId, serviceId)).orderBy(asc(t.auditEvent.action));
	return { actions: actions.map((row) => row.action), users: (await serviceDirectory(q, serviceId)).users };
}

export interface AuditRowView {
	id: number;
	time: string;
	user: string;
	role: string;
	action: string;
	record: string;
	school: string;
	address: string;
	detail: string;
}

type AuditRow = Awaited<ReturnType<typeof searchAudit>>[number];

export function viewOf(row: AuditRow, directory: ServiceDirectory): AuditRowView {
	return {
		id: row.id,
		time: formatLondonTime(row.at),
		user: row.actorUserId ? (directory.userName.get(row.actorUserId) ?? 'Unknown user') : 'No one signed in',
		role: roleLabel(row.actorRole),
		action: row.action,
		record: [row.recordType, row.recordId].filter(Boolean).join(' '),
		school: row.schoolId ? (directory.schoolName.get(row.schoolId) ?? '') : '',
		address: row.address ?? '',
		detail: row.detail ?? ''
	};
}

/**
 * One page of the actor's service's audit log, newest first, and the id to continue from. Viewing it
 * writes one audit row naming the filter (SECURITY.md 15).
 */
export async function viewAuditLog(actor: Actor, input: AuditFilterInput, pageSize = AUDIT_PAGE_SIZE) {
	assertAuditAccess(actor, 'admin.audit.list');
	const directory = await serviceDirectory(db(), actor.serviceId);
	const found = await searchAudit(db(), actor.serviceId, { ...toAuditFilter(input), limit: pageSize + 1 });
	const rows = found.slice(0, pageSize);
	await recordAudit(db(), actor, { action: 'audit.list', recordType: 'audit_event', detail: filterDetail(input) });
	return {
		rows: rows.map((row) => viewOf(row, directory)),
		olderThan: found.length > pageSize ? (rows.at(-1)?.id ?? null) : null
	};
}
