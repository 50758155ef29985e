import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const ROUTES_DIR = join(process.cwd(), 'src', 'routes');

/** Every file under src/routes, as paths relative to it with forward slashes. */
export function routeFiles(dir = ROUTES_DIR): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...routeFiles(path));
		else out.push(relative(ROUTES_DIR, path).split(sep).join('/'));
	}
	return out.sort();
}

/** The route id SvelteKit gives a file's directory, e.g. "/(app)/admin/schools/[id]". */
export function routeIdOf(file: string): string {
	const dir = file.split('/').slice(0, -1).join('/');
	return `/${dir}`;
}

/** The path of a route id with its params filled in (groups dropped). */
export function pathOf(routeId: string, params: Record<string, string>): string {
	const segments = routeId.split('/').filter((s) => s && !/^\(.+\)$/.test(s));
	return `/${segments.map((s) => (/^\[.+\]$/.test(s) ? encodeURIComponent(params[s.slice(1, -1)] ?? '') : s)).join('/')}`;
}
