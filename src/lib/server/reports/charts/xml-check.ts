/**
 * Test helper: whether a string is well-formed XML of the kind the charts write (elements, quoted
 * attributes, text, the five named entities and numeric references). Node has no DOMParser; this reads
 * the whole string token by token and fails on anything else, so it cannot pass a string by skipping it.
 */
export function isWellFormedXml(xml: string): boolean {
	const entity = '&(?:amp|lt|gt|quot|apos|#\\d+|#x[0-9a-fA-F]+);';
	const attribute = `\\s+[A-Za-z_:][\\w:.-]*="(?:[^"<&]|${entity})*"`;
	const token = new RegExp(`<(/?)([A-Za-z_][\\w:.-]*)((?:${attribute})*)\\s*(/?)>|((?:[^<&]|${entity})+)`, 'y');
	const open: string[] = [];
	let seenRoot = false;
	while (token.lastIndex < xml.length) {
		const start = token.lastIndex;
		const match = token.exec(xml);
		if (!match || match.index !== start) return false;
		const [, closing, name, attributes = '', selfClosing, textContent] = match;
		if (textContent !== undefined) {
			if (open.length === 0 && textContent.trim() !== '') return false;
			continue;
		}
		if (closing) {
			if (selfClosing || attributes || open.pop() !== name) return false;
			continue;
		}
		const names = [...attributes.matchAll(/\s+([\w:.-]+)=/g)].map((m) => m[1]);
		if (new Set(names).size !== names.length) return false;
		if (open.length === 0 && seenRoot) return false;
		seenRoot = true;
		if (!selfClosing) open.push(name as string);
	}
	return seenRoot && open.length === 0;
}
