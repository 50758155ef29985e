import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	css: { lightningcss: { errorRecovery: true } },
	// Issue 8 (50 KB of JavaScript a page): without this, every page's first script carries the list of
	// every route's chunks (1.2 KB gzipped), so that a later navigation can fetch a page's chunks
	// alongside the page itself. A navigation already fetches the page's code while its data loads (the
	// slower part here), so the chunks can wait for the page's own imports.
	build: {
		modulePreload: false,
		rollupOptions: {
			output: {
				// The form field components in one chunk: every referral section uses most of them, and one
				// file compresses better than eight small ones (the incident section went from 50.2 KB to 48.0).
				manualChunks: (id: string) => (/\/src\/lib\/components\/(TextInput|Textarea|Radios|Checkboxes|Checkbox|DateInput|Select|ErrorSummary)\.svelte/.test(id) ? 'form-fields' : undefined)
			}
		}
	},
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		testTimeout: 20_000,
		hookTimeout: 30_000,
		pool: 'forks'
	}
});
