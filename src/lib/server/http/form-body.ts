import { error } from '@sveltejs/kit';

/** The posted form, or null when the body cannot be read as one (a broken multipart body). */
export async function formOrNull(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

/**
 * The posted form for an action that reads it itself. A body that is not a readable form comes only
 * from a hostile or broken client: it is a 400, never a server error (SECURITY.md 13).
 */
export async function readForm(request: Request): Promise<FormData> {
	const form = await formOrNull(request);
	if (!form) error(400, 'The form could not be read');
	return form;
}

/** A field's text as posted; a file where text is expected reads as nothing, never as "[object File]". */
export function fieldText(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}
