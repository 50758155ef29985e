import type { APIResponse } from '@playwright/test';

/**
 * SECURITY.md 12: what every response SvelteKit renders must carry (built static assets under /_app
 * are exempt). HTML pages get their CSP from `kit.csp` (svelte.config.js), everything else from
 * src/lib/server/http/headers.ts.
 */
const ONE_YEAR = 365 * 24 * 60 * 60;

export interface Checked {
	label: string;
	response: APIResponse;
	signedIn: boolean;
}

/** The CSP's directives by name (lower case), each with its values as one string. */
export function cspDirectives(csp: string): Map<string, string> {
	return new Map(
		csp
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name = '', ...values]) => [name.toLowerCase(), values.join(' ')])
	);
}

/** What is wrong with a response's security headers, as sentences (empty when nothing is). */
export function problemsWith({ response, signedIn }: Checked): string[] {
	const headers = response.headers();
	const problems: string[] = [];
	const csp = headers['content-security-policy'];
	if (!csp) {
		problems.push('no Content-Security-Policy');
	} else {
		const directives = cspDirectives(csp);
		if (csp.includes("'unsafe-inline'")) problems.push(`CSP allows 'unsafe-inline': ${csp}`);
		for (const directive of ['frame-ancestors', 'object-src', 'base-uri']) {
			if (directives.get(directive) !== "'none'") problems.push(`CSP ${directive} is not 'none': ${csp}`);
		}
		// Without script-src or style-src of its own, a policy falls back to default-src: that must be strict too.
		if (!directives.has('script-src') && !directives.has('default-src')) problems.push(`CSP restricts no scripts: ${csp}`);
		if (!directives.has('style-src') && !directives.has('default-src')) problems.push(`CSP restricts no styles: ${csp}`);
	}
	const maxAge = Number(/max-age=(\d+)/.exec(headers['strict-transport-security'] ?? '')?.[1] ?? 0);
	if (maxAge < ONE_YEAR) problems.push(`Strict-Transport-Security missing or under a year: ${headers['strict-transport-security']}`);
	if (headers['x-content-type-options'] !== 'nosniff') problems.push(`X-Content-Type-Options is ${headers['x-content-type-options']}`);
	if (!['same-origin', 'no-referrer'].includes(headers['referrer-policy'] ?? '')) problems.push(`Referrer-Policy is ${headers['referrer-policy']}`);
	if (signedIn && !(headers['cache-control'] ?? '').split(',').map((v) => v.trim()).includes('no-store')) {
		problems.push(`signed in, but Cache-Control is ${headers['cache-control']}`);
	}
	return problems;
}

/** Every problem of every checked response, labelled. */
export function reportOf(checked: Checked[]): string[] {
	return checked.flatMap((c) => problemsWith(c).map((p) => `${c.label} (${c.response.status()}): ${p}`));
}
