/**
 * Chronology entries the assessment and onward referrals write, in words (the case page's
 * chronology). No entry carries what the assessment found: the school may read these lines.
 */
export function describeProgrammeEvent(e: { kind: string; section: string | null }): string | null {
	if (e.kind === 'assessment') {
		if (e.section === 'completed') return 'Assessment completed';
		if (e.section === 'corrected') return 'Assessment corrected';
		return null;
	}
	if (e.kind === 'onward-referral') return e.section === 'created' ? 'Onward referral recorded' : 'Onward referral updated';
	return null;
}

