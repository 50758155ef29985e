/** A chronology entry about retention (DOMAIN.md §7), in words; null for other kinds. */
export function describeRetentionEvent(e: { kind: string; section: string | null }): string | null {
	if (e.kind !== 'retention') return null;
	switch (e.section) {
		case 'legal-hold-placed':
			return 'Legal hold placed: the record cannot be deleted';
		case 'legal-hold-lifted':
			return 'Legal hold lifted';
		case 'review-extended':
			return 'Retention review date extended';
		default:
			return 'Retention';
	}
}
