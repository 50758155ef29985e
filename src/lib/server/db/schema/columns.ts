import { integer, text } from 'drizzle-orm/sqlite-core';

/** Primary keys are random text ids: they reveal neither counts nor order. */
export const id = () => text().primaryKey();
export const createdAt = () => integer({ mode: 'timestamp_ms' }).notNull();
export const timestamp = () => integer({ mode: 'timestamp_ms' });
export const flag = () => integer({ mode: 'boolean' }).notNull().default(false);
/** Every editable record carries a version; a stale save is refused (SECURITY.md 20). */
export const version = () => integer().notNull().default(1);
