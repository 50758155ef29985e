/** The kinds of report period a filter offers (DOMAIN.md §5), safe for the browser. */
export const PERIOD_KINDS = [
	{ value: 'financial-year', label: 'Financial year' },
	{ value: 'quarter', label: 'Financial quarter' },
	{ value: 'academic-year', label: 'Academic year' },
	{ value: 'term', label: 'Term' }
] as const;
