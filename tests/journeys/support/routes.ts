import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';

export const ROUTES_DIR = join(ROOT, 'src', 'routes');

export interface Route {
	/** SvelteKit's route id, groups included: "/(app)/admin/schools/[id]". */
	id: string;
	pattern: RegExp;
	/** For choosing between patterns that both match: a static segment beats a parameter. */
	rank: number[];
}

function directories(dir: string, id = ''): { id: string; files: string[] }[] {
	const entries = readdirSync(dir);
	const out = [{ id: id || '/', files: entries.filter((e) => !statSync(join(dir, e)).isDirectory()) }];
	for (const entry of entries) {
		if (statSync(join(dir, entry)).isDirectory()) out.push(...directories(join(dir, entry), `${id}/${entry}`));
	}
	return out;
}

function toRoute(id: string): Route {
	let source = '';
	const rank: number[] = [];
	for (const segment of id.split('/').filter(Boolean)) {
		if (/^\(.+\)$/.test(segment)) continue;
		if (/^\[\[.+\]\]$/.test(segment)) {
			source += '(?:/[^/]+)?';
			rank.push(1);
		} else if (/^\[\.\.\..+\]$/.test(segment)) {
			source += '(?:/.*)?';
			rank.push(0);
		} else if (/^\[.+\]$/.test(segment)) {
			source += '/[^/]+';
			rank.push(2);
		} else {
			source += `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
			rank.push(3);
		}
	}
	return { id, pattern: new RegExp(`^${source || '/'}/?$`), rank };
}

/** Every route that renders a page: a directory holding +page.svelte (or a +page.server.ts or +page.ts). */
export function pageRoutes(): Route[] {
	return directories(ROUTES_DIR)
		.filter((d) => d.files.some((f) => /^\+page(\.server)?\.(svelte|ts|js)$/.test(f)))
		.map((d) => toRoute(d.id));
}

/** Every page and endpoint under src/routes/(app): what only signed-in people may reach. */
export function appRouteIds(): string[] {
	const appDir = join(ROUTES_DIR, '(app)');
	if (!existsSync(appDir)) return [];
	return directories(appDir, '/(app)')
		.filter((d) => d.files.some((f) => /^\+(page|page\.server|server)\.(svelte|ts|js)$/.test(f)))
		.map((d) => d.id);
}

/** The page route a path belongs to, the most specific when several match. */
export function routeForPath(pathname: string, routes = pageRoutes()): Route | null {
	const matches = routes.filter((r) => r.pattern.test(pathname));
	matches.sort((a, b) => {
		for (let i = 0; i < Math.max(a.rank.length, b.rank.length); i++) {
			const diff = (b.rank[i] ?? -1) - (a.rank[i] ?? -1);
			if (diff !== 0) return diff;
		}
		return 0;
	});
	return matches[0] ?? null;
}

/** A path that reaches a route, with a made-up value for every parameter. */
export function examplePath(id: string, value = 'not-a-real-id'): string {
	const segments = id
		.split('/')
		.filter((s) => s && !/^\(.+\)$/.test(s))
		.map((s) => (/^\[.+\]$/.test(s) ? value : s));
	return `/${segments.join('/')}`;
}
