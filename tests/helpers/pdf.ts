import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Parses a PDF's bytes back to its text, page by page (a real parser, not a byte search). */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; text: string; info: Record<string, unknown> }> {
	const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
	const pages: string[] = [];
	for (let i = 1; i <= doc.numPages; i++) {
		const page = await doc.getPage(i);
		const content = await page.getTextContent();
		pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
	}
	const meta = await doc.getMetadata();
	await doc.destroy();
	return { pages, text: pages.join('\n'), info: (meta.info ?? {}) as Record<string, unknown> };
}
