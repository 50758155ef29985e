import { create, type Font } from 'fontkit';
import { embeddedFonts } from '../pdf/document';

/**
 * Whether a name can be printed on the certificate exactly as typed (DOMAIN.md §3 step 8): every
 * character must have a glyph in the embedded DejaVu fonts, or it would print as a blank box. Scripts
 * written right to left are refused too: pdfkit lays text out left to right only, so the letters would
 * come out in the wrong order. Control and invisible characters are refused as well.
 */
let fonts: Font[] | undefined;
function loaded(): Font[] {
	if (!fonts) {
		const { regular, bold } = embeddedFonts();
		fonts = [create(regular), create(bold)];
	}
	return fonts;
}

const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
const INVISIBLE = /\p{C}/u;

/** The characters of the name the certificate cannot print (empty when it can print them all). */
export function unprintableCharacters(name: string): string[] {
	const bad = new Set<string>();
	for (const char of name.normalize('NFC')) {
		const point = char.codePointAt(0) ?? 0;
		if (RIGHT_TO_LEFT.test(char) || INVISIBLE.test(char) || !loaded().every((font) => font.hasGlyphForCodePoint(point))) bad.add(char);
	}
	return [...bad];
}

/** Initials for the public check page: the first letter of each part of the name. */
export function initialsOf(name: string): string {
	return name
		.normalize('NFC')
		.split(/[\s\-‐]+/u)
		.map((part) => [...part.replace(/^[^\p{L}]+/u, '')][0]?.toLocaleUpperCase('en-GB') ?? '')
		.filter(Boolean)
		.map((letter) => `${letter}.`)
		.join(' ');
}
