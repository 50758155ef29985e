import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t, type Queryable, type Tx } from '../db';
import { preparedOnEither } from '../db/prepared';
import { SETTINGS, type SettingKey, type SettingValue } from './definitions';
import { assertCanEditSettings, invalid, refuseStale, StaleEdit, type SaveResult } from './save-result';

/** A stored setting's value: its default when never set or no longer valid. */
export function settingValueOf<K extends SettingKey>(key: K, stored: string | undefined): SettingValue<K> {
	const definition = SETTINGS[key];
	if (stored === undefined) return definition.default as SettingValue<K>;
	const parsed = definition.schema.safeParse(JSON.parse(stored));
	return (parsed.success ? parsed.data : definition.default) as SettingValue<K>;
}

/** A setting's value for a service, or its default when never set or no longer valid. */
export async function getSetting<K extends SettingKey>(q: Queryable, serviceId: string, key: K): Promise<SettingValue<K>> {
	return (await readSetting(q, serviceId, key)).value;
}

/** Read on most pages (the programme's name on every home page): built once (db/prepared.ts). */
const settingQuery = preparedOnEither((q) =>
	q
		.select({ value: t.setting.value, version: t.setting.version })
		.from(t.setting)
		.where(and(eq(t.setting.serviceId, sql.placeholder('serviceId')), eq(t.setting.key, sql.placeholder('key'))))
		.prepare()
);

/** A setting with the version an edit form carries back; version 0 means never saved (the default). */
export async function readSetting<K extends SettingKey>(q: Queryable, serviceId: string, key: K): Promise<{ value: SettingValue<K>; version: number }> {
	const [row] = await settingQuery(q, { serviceId, key });
	return { value: settingValueOf(key, row?.value), version: row?.version ?? 0 };
}

export type SettingChange = { [K in SettingKey]: { key: K; value: SettingValue<K>; expectedVersion: number } }[SettingKey];

/**
 * Saves several settings at once, all or none: each value is checked with its key's schema, a change
 * made from a stale version is refused (SECURITY.md 20), and each key writes its audit row in the
 * same transaction (SECURITY.md 15). `afterSave` runs in that transaction too, for what follows from
 * the new values (review dates after a new retention period, say).
 */
export async function setSettings(actor: Actor, changes: SettingChange[], now = new Date(), afterSave?: (tx: Tx) => Promise<void>): Promise<SaveResult> {
	assertCanEditSettings(actor);
	const checked: { key: SettingKey; value: unknown; expectedVersion: number }[] = [];
	const messages: string[] = [];
	for (const change of changes) {
		const parsed = SETTINGS[change.key].schema.safeParse(change.value);
		if (parsed.success) checked.push({ key: change.key, value: parsed.data, expectedVersion: change.expectedVersion });
		else messages.push(...parsed.error.issues.map((issue) => issue.message));
	}
	if (messages.length > 0) return invalid(messages);
	return refuseStale(() =>
		db().transaction(async (tx) => {
			for (const change of checked) {
				const where = and(eq(t.setting.serviceId, actor.serviceId), eq(t.setting.key, change.key));
				const [row] = await tx.select({ version: t.setting.version }).from(t.setting).where(where);
				if ((row?.version ?? 0) !== change.expectedVersion) throw new StaleEdit();
				const values = { value: JSON.stringify(change.value), version: change.expectedVersion + 1, updatedAt: now, updatedBy: actor.userId };
				if (row) await tx.update(t.setting).set(values).where(where);
				else await tx.insert(t.setting).values({ serviceId: actor.serviceId, key: change.key, ...values });
				await recordAudit(tx, actor, { action: 'settings.changed', recordType: 'setting', recordId: change.key, detail: { key: change.key } });
			}
			await afterSave?.(tx);
			return { ok: true } as const;
		})
	);
}

/** Saves one setting: see setSettings. */
export async function setSetting<K extends SettingKey>(actor: Actor, key: K, value: SettingValue<K>, expectedVersion: number, afterSave?: (tx: Tx) => Promise<void>): Promise<SaveResult> {
	return setSettings(actor, [{ key, value, expectedVersion } as SettingChange], new Date(), afterSave);
}
