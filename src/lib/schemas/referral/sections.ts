import { consentSchema } from './consent';
import { decisionSchema } from './decision';
import { familySchema } from './family';
import { incidentSchema } from './incident';
import { pupilSchema } from './pupil';
import { safetySchema } from './safety';

/** The referral form's task list, in order (the safety check comes first). */
export const SECTIONS = [
	{ key: 'safety', title: 'Immediate safety check', schema: safetySchema },
	{ key: 'pupil', title: 'About the pupil', schema: pupilSchema },
	{ key: 'family', title: 'Parents and carers', schema: familySchema },
	{ key: 'incident', title: 'The incident', schema: incidentSchema },
	{ key: 'decision', title: 'The headteacher’s decision', schema: decisionSchema },
	{ key: 'consent', title: 'Consent', schema: consentSchema }
] as const;

export type SectionKey = (typeof SECTIONS)[number]['key'];
export const SECTION_KEYS = SECTIONS.map((s) => s.key) as SectionKey[];

export function isSectionKey(value: string): value is SectionKey {
	return (SECTION_KEYS as string[]).includes(value);
}

export function sectionOf(key: SectionKey) {
	const section = SECTIONS.find((s) => s.key === key);
	if (!section) throw new Error(`unknown section ${key}`);
	return section;
}
