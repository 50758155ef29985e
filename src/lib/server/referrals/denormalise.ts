import { readDate } from '$lib/schemas/fields';
import type { SectionKey } from '$lib/schemas/referral/sections';
import type { t } from '../db';
import { displayNameOf, nameKey } from './names';

type ReferralColumns = Partial<typeof t.referral.$inferInsert>;

/**
 * The columns lists, search, matching and reports read, taken from a section's answers as typed.
 * Characteristics stay as they were at referral: once submitted, only corrections before triage
 * change them.
 */
export function columnsFromSection(section: SectionKey, data: Record<string, unknown>): ReferralColumns {
	const text = (key: string) => String(data[key] ?? '').trim();
	const orNull = (key: string) => text(key) || null;
	const yes = (key: string) => (text(key) === 'yes' ? true : text(key) === 'no' ? false : null);
	if (section === 'pupil') {
		const dob = readDate('', text('dobDay'), text('dobMonth'), text('dobYear'));
		return {
			displayName: displayNameOf(text('legalForename'), text('legalSurname'), text('preferredName')),
			forenameKey: nameKey(text('legalForename')),
			surnameKey: nameKey(text('legalSurname')),
			dateOfBirth: dob.ok === true ? dob.iso : null,
			upn: text('upn').toUpperCase() || null,
			yearGroup: orNull('yearGroup'),
			sex: orNull('sex'),
			ethnicity: orNull('ethnicity'),
			sen: orNull('sen'),
			fsm: yes('fsm'),
			lookedAfter: yes('lookedAfter'),
			socialWorker: orNull('socialWorker')
		};
	}
	if (section === 'incident') {
		const date = readDate('', text('incidentDay'), text('incidentMonth'), text('incidentYear'));
		return { incidentDate: date.ok === true ? date.iso : null };
	}
	if (section === 'decision') return { decision: orNull('decision') };
	return {};
}
