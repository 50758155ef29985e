import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	// Svelte's version stays out of every page (a line of code each, and nothing to fingerprint).
	compilerOptions: { discloseVersion: false },
	kit: {
		adapter: adapter(),
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// SvelteKit's route announcer carries one fixed style attribute: allow exactly that one.
				'style-src': ['self', 'unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'object-src': ['none'],
				'base-uri': ['none']
			}
		},
		// The origin check runs in hooks.server.ts instead (src/lib/server/http/origin-check.ts), so its
		// 403 carries the security headers; Kit's own answers before the hooks run.
		csrf: { trustedOrigins: ['*'] }
	}
};

export default config;
