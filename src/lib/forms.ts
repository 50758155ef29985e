/** Shared by client and server: turns superforms' error object into error-summary rows. */
export interface ErrorRow {
	href: string;
	text: string;
}

type ErrorTree = { _errors?: string[] } & { [key: string]: unknown };

export function errorRows(errors: unknown, prefix = ''): ErrorRow[] {
	if (!errors || typeof errors !== 'object') return [];
	const rows: ErrorRow[] = [];
	for (const [key, value] of Object.entries(errors as ErrorTree)) {
		if (key === '_errors') {
			for (const text of (value as string[]) ?? []) rows.push({ href: `#${prefix || 'main-content'}`, text });
		} else if (Array.isArray(value)) {
			const first = value.find((v) => typeof v === 'string');
			if (first) rows.push({ href: `#${prefix ? `${prefix}.${key}` : key}`, text: first });
		} else {
			rows.push(...errorRows(value, prefix ? `${prefix}.${key}` : key));
		}
	}
	return rows;
}

export function firstError(errors: string[] | undefined | null): string | undefined {
	return errors?.[0];
}
