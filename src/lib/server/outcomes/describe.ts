/** What the chronology says for the certificate entries (the case page's event descriptions); null for others. */
export function describeOutcomeEvent(e: { kind: string }): string | null {
	if (e.kind === 'certificate-issued') return 'Completion certificate issued';
	if (e.kind === 'certificate-revoked') return 'Completion certificate revoked';
	return null;
}
