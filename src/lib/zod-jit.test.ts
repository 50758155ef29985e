import { afterEach, describe, expect, it } from 'vitest';
import { init } from '../hooks.client';

const original = globalThis.Function;
let compiled = 0;

/** Counts code compiled with `new Function`, as a CSP without eval would block it. */
function countCompiling() {
	compiled = 0;
	globalThis.Function = new Proxy(original, {
		construct(target, args: string[]) {
			compiled += 1;
			return Reflect.construct(target, args);
		}
	});
}

afterEach(() => {
	globalThis.Function = original;
});

describe('zod in the browser, under a CSP without eval (SECURITY.md 12)', () => {
	it('builds and parses object schemas without compiling code once the client hook has run, zod loading after it', async () => {
		await init();
		countCompiling();
		const { z } = await import('zod');
		const schema = z.object({ name: z.string().max(10) });
		expect(schema.safeParse({ name: 'Ada' }).success).toBe(true);
		expect(schema.safeParse({ name: 'A name far too long' }).success).toBe(false);
		expect(compiled).toBe(0);
	});

	it('compiles when the setting is off (the check itself works)', async () => {
		const { config, z } = await import('zod');
		config({ jitless: false });
		countCompiling();
		z.object({ name: z.string().max(10) }).safeParse({ name: 'Ada' });
		expect(compiled).toBeGreaterThan(0);
		config({ jitless: true });
	});
});
