import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';

/**
 * SECURITY.md 13: every string field in every form schema has a maximum length. This walks every
 * zod schema exported from src/lib/schemas and fails naming any string without one.
 */
const SCHEMA_DIR = join(process.cwd(), 'src', 'lib', 'schemas');

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []
	);
}

function unboundedStrings(schema: z.ZodType, path: string): string[] {
	const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType>; options?: z.ZodType[] } }).def;
	switch (def.type) {
		case 'string':
			return (schema as z.ZodString).maxLength === null ? [path] : [];
		case 'object':
			return Object.entries((schema as z.ZodObject).shape).flatMap(([key, value]) => unboundedStrings(value as z.ZodType, `${path}.${key}`));
		case 'array':
			return def.element ? unboundedStrings(def.element, `${path}[]`) : [];
		case 'default':
		case 'optional':
		case 'nullable':
		case 'prefault':
		case 'catch':
			return def.innerType ? unboundedStrings(def.innerType, path) : [];
		case 'pipe':
			return [...(def.in ? unboundedStrings(def.in, path) : [])];
		case 'union':
			return (def.options ?? []).flatMap((o, i) => unboundedStrings(o, `${path}|${i}`));
		default:
			return [];
	}
}

describe('string limits in form schemas', () => {
	it('finds schemas to check', async () => {
		expect(files(SCHEMA_DIR).length).toBeGreaterThan(5);
	});

	it('gives every string field a maximum length', async () => {
		const problems: string[] = [];
		let checked = 0;
		for (const file of files(SCHEMA_DIR)) {
			const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
			for (const [name, value] of Object.entries(module)) {
				if (value instanceof z.ZodType) {
					checked++;
					problems.push(...unboundedStrings(value, `${file.slice(SCHEMA_DIR.length + 1)}:${name}`));
				}
			}
		}
		expect(checked).toBeGreaterThan(10);
		expect(problems).toEqual([]);
	});

	it('notices a string without a maximum (the check itself works)', () => {
		expect(unboundedStrings(z.object({ a: z.string().default(''), b: z.string().max(3) }), 'x')).toEqual(['x.a']);
	});
});
