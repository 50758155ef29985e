/**
 * `npm run service:create -- --name "…" --admin-email … --admin-name "…"`: creates a provider service
 * with its first provider admin, and prints the admin's one-time set-password link. No web account
 * spans services, so this is done here, by whoever runs the deployment.
 *
 * Reads DATABASE_URL (and DATABASE_AUTH_TOKEN, DATABASE_ENCRYPTION_KEY) and ORIGIN, which the link
 * is built from: set ORIGIN to the address people use.
 */
import { z } from 'zod';
import { parseArgs } from './lib/args';
import { ensureKitPaths } from './lib/kit';

const input = z.object({
	name: z.string().trim().min(1, 'give the service a --name').max(120, '--name must be 120 characters or fewer'),
	adminEmail: z
		.string()
		.trim()
		.max(254, '--admin-email must be 254 characters or fewer')
		.email('--admin-email must be an email address'),
	adminName: z.string().trim().min(1, "give the admin's --admin-name").max(120, '--admin-name must be 120 characters or fewer')
});

function usage(problem: string): never {
	process.stderr.write(`${problem}\nUsage: npm run service:create -- --name "North Riding Youth Diversion" --admin-email someone@example.org --admin-name "Sam Jones"\n`);
	process.exit(2);
}

await ensureKitPaths();
let values: Map<string, string>;
try {
	values = parseArgs(process.argv.slice(2), { values: ['name', 'admin-email', 'admin-name'] }).values;
} catch (error) {
	usage(error instanceof Error ? error.message : String(error));
}
const parsed = input.safeParse({ name: values.get('name') ?? '', adminEmail: values.get('admin-email') ?? '', adminName: values.get('admin-name') ?? '' });
if (!parsed.success) usage(parsed.error.issues.map((i) => i.message).join('\n'));

const { closeDatabase, db, startDatabase } = await import('../src/lib/server/db');
const { createService } = await import('../src/lib/server/tenancy/provision');
const { originConfig } = await import('../src/lib/server/env');
await startDatabase();
try {
	const { serviceId, link } = await createService(db(), { name: parsed.data.name, admin: { email: parsed.data.adminEmail, displayName: parsed.data.adminName } });
	process.stdout.write(
		[
			`Created the service "${parsed.data.name}" (id ${serviceId}) with its provider admin ${parsed.data.adminEmail.toLowerCase()}.`,
			'',
			`Send this one-time link to ${parsed.data.adminName}. It sets their password, works once, and expires in 72 hours:`,
			'',
			`  ${link}`,
			'',
			`The link starts with ORIGIN (${originConfig().origin}). If that is not the address people use, ${parsed.data.adminName} can use`,
			'"I have forgotten my password" on the sign-in page instead.',
			''
		].join('\n')
	);
} catch (error) {
	if (/UNIQUE constraint failed: user\.email/.test(causeText(error))) {
		process.stderr.write(`An account with the email ${parsed.data.adminEmail} already exists: no service was created.\n`);
		process.exitCode = 1;
	} else {
		throw error;
	}
} finally {
	await closeDatabase();
}

function causeText(error: unknown): string {
	const parts: string[] = [];
	for (let e: unknown = error; e instanceof Error && parts.length < 5; e = e.cause) parts.push(e.message);
	return parts.join(' / ');
}
