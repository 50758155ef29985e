/**
 * What happened to a follow-up, stored in the chronology as kind 'follow-up' with the months in
 * `section` and what happened in `toState`.
 */
export type FollowUpEventKind = 'prompted' | 'chased' | 'recorded' | 'not_returned' | 'provider_police';

const WORDS: Record<FollowUpEventKind, string> = {
	prompted: 'is due: the school was asked to record it',
	chased: 'chased: the school was reminded',
	recorded: 'recorded',
	not_returned: 'not returned',
	provider_police: 'updated with police contact the provider was told of'
};

export function describeFollowUpEvent(e: { section: string | null; toState: string | null }): string {
	const what = WORDS[e.toState as FollowUpEventKind] ?? 'updated';
	return `${e.section ?? ''}-month follow-up ${what}`;
}
