import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	schema: './src/lib/server/db/schema/index.ts',
	out: './drizzle',
	dialect: 'turso',
	dbCredentials: { url: 'file:data/drizzle-kit.db' },
	casing: 'snake_case'
});
