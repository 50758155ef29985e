import { describe, expect, it } from 'vitest';
import { handle } from '../../src/hooks.server';
import { fakeEvent } from '../helpers/event';

/**
 * SECURITY.md 13: a NUL character is refused at the door. libSQL stores it but reads text back only
 * up to it, so no action could keep such text as typed; the hostile-input suite leaves it to this test.
 */
function posted(body: BodyInit, headers: Record<string, string> = {}) {
	const event = fakeEvent({ path: '/sign-in', method: 'POST' });
	const request = new Request(event.url, { method: 'POST', body, headers: { origin: event.url.origin, ...headers } });
	let resolved = false;
	const resolve = async () => {
		resolved = true;
		return new Response('resolved');
	};
	return { run: () => handle({ event: { ...event, request, route: { id: '/(public)/sign-in' } } as never, resolve }), resolved: () => resolved };
}

describe('a NUL character in a form post', () => {
	it('is refused with 400 before any action runs, in a value or a name, urlencoded or multipart', async () => {
		const multipart = new FormData();
		multipart.append('email', 'a\u0000b');
		for (const body of [new URLSearchParams({ email: 'nul\u0000byte' }), new URLSearchParams([['na\u0000me', 'x']]), multipart]) {
			const post = posted(body);
			const response = await post.run();
			expect(response.status).toBe(400);
			expect(post.resolved()).toBe(false);
		}
	});

	it('leaves other posts, odd text included, to the action', async () => {
		for (const body of [new URLSearchParams({ email: '<script>alert(1)</script>\t=1+1\r👨‍👩‍👧' }), new URLSearchParams({ email: '%00 as typed' })]) {
			const post = posted(body);
			expect((await post.run()).status).toBe(200);
			expect(post.resolved()).toBe(true);
		}
	});
});
