import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

/** DejaVu Sans, read once: it covers names like "Zoë" or "Łukasz" that the built-in fonts cannot. */
let fonts: { regular: Buffer; bold: Buffer } | undefined;
export function embeddedFonts() {
	if (!fonts) {
		const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
		fonts = { regular: readFileSync(join(dir, 'DejaVuSans.ttf')), bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf')) };
	}
	return fonts;
}

/** A tagged, accessible A4 PDF with our fonts registered as "body" and "bold". */
export function createDocument(title: string): PDFKit.PDFDocument {
	const doc = new PDFDocument({
		size: 'A4',
		margin: 50,
		pdfVersion: '1.7',
		tagged: true,
		lang: 'en-GB',
		displayTitle: true,
		info: { Title: title, Author: 'Divert for Schools', Creator: 'Divert for Schools' }
	});
	const { regular, bold } = embeddedFonts();
	doc.registerFont('body', regular);
	doc.registerFont('bold', bold);
	doc.font('body');
	return doc;
}

/** Collects a finished document's bytes. */
export function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
		doc.end();
	});
}

/** Response headers for a PDF download that must not be cached or sniffed. */
export function pdfHeaders(filename: string, bytes: number): Record<string, string> {
	return {
		'content-type': 'application/pdf',
		'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
		'content-length': String(bytes),
		'cache-control': 'no-store'
	};
}
