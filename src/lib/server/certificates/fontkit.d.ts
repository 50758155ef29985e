/** The few parts of fontkit (pdfkit's font engine) the certificate's glyph check uses. */
declare module 'fontkit' {
	export interface Font {
		hasGlyphForCodePoint(codePoint: number): boolean;
	}
	export function create(buffer: Buffer): Font;
}
