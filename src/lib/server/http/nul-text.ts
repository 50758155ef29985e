import { formOrNull } from './form-body';

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;

/**
 * Whether a form post carries a NUL character. The database keeps it, but the client reads text back
 * only up to it, so the text could never be shown as typed (SECURITY.md 13). No keyboard types one:
 * only a hostile or broken client sends it, and the post is refused before any action sees it.
 */
export async function postsNulCharacter(request: Request): Promise<boolean> {
	if (request.method !== 'POST' || !FORM_TYPES.test(request.headers.get('content-type') ?? '')) return false;
	const form = await formOrNull(request.clone());
	for (const [name, value] of form ?? []) {
		if (name.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000'))) return true;
	}
	return false;
}

export function nulRefusal(): Response {
	return new Response('The form could not be read: it holds a character that is not text', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
