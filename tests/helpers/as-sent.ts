/**
 * A page's data as the person gets it: each kept section the load placed by placeholder stands in
 * its place, as the response hook puts it there (src/lib/server/render/splice.ts). For tests that
 * look through a page for what it must or must not show.
 */
export function dataAsSent(event: { locals: App.Locals }, data: unknown): string {
	let text = JSON.stringify(data);
	for (const [placeholder, section] of event.locals.keptSections ?? []) text = text.replaceAll(JSON.stringify(placeholder).slice(1, -1), JSON.stringify(section.html).slice(1, -1));
	return text;
}
