import { and, eq } from 'drizzle-orm';
import { t, type Queryable } from '../db';
import { SETTINGS, type SettingKey, type SettingValue } from './definitions';

/** A setting's value for a service, or its default when never set or no longer valid. */
export async function getSetting<K extends SettingKey>(q: Queryable, serviceId: string, key: K): Promise<SettingValue<K>> {
	const [row] = await q
		.select({ value: t.setting.value })
		.from(t.setting)
		.where(and(eq(t.setting.serviceId, serviceId), eq(t.setting.key, key)));
	const definition = SETTINGS[key];
	if (!row) return definition.default as SettingValue<K>;
	const parsed = definition.schema.safeParse(JSON.parse(row.value));
	return (parsed.success ? parsed.data : definition.default) as SettingValue<K>;
}
