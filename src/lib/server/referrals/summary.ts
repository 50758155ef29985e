import {
	CAME_TO_LIGHT,
	CONSENT_METHODS,
	ETHNICITY,
	EXCLUSION_REASON_CODE,
	ITEM_OUTCOMES,
	labelOf,
	POLICE_OUTCOMES,
	SCHOOL_DECISIONS,
	SEN_PROVISION,
	SEX,
	SOCIAL_WORKER,
	SUBSTANCES
} from '$lib/codes';
import { formatIsoDate as formatDate, readDate } from '$lib/schemas/fields';
import { CONSENT_GIVERS, PARENT_CONSENT } from '$lib/schemas/referral/consent';
import { contactsOf } from '$lib/schemas/referral/family';
import type { SectionKey } from '$lib/schemas/referral/sections';

/**
 * The answers of one section as label/value rows, for "check your answers", the case page and the
 * summary PDF. Pure; values are plain text (escaped by each output in its own way).
 */
export interface SummaryRow {
	/** The form field to change this answer, for "Change" links. */
	field: string;
	label: string;
	value: string;
}

const YES_NO = [
	{ value: 'yes', label: 'Yes' },
	{ value: 'no', label: 'No' }
];

export function sectionRows(section: SectionKey, data: Record<string, unknown>): SummaryRow[] {
	const text = (key: string) => String(data[key] ?? '').trim();
	const date = (prefix: string) => {
		const d = readDate('', text(`${prefix}Day`), text(`${prefix}Month`), text(`${prefix}Year`));
		return d.ok === true ? formatDate(d.iso) : '';
	};
	const row = (field: string, label: string, value: string): SummaryRow => ({ field, label, value: value || 'Not given' });
	const yn = (key: string) => labelOf(YES_NO, text(key));
	switch (section) {
		case 'safety':
			return [
				row('medicalEmergency', 'Needs medical help now (unresponsive, breathing problems, seizure, chest pain, suspected overdose or swallowed packages)', yn('medicalEmergency')),
				row('abuseDisclosure', 'Disclosure of abuse or unexplained injuries', yn('abuseDisclosure')),
				row('supplySigns', 'Signs of supply (quantity, packaging, cash, scales, a deal-line phone)', yn('supplySigns')),
				row('otherRisk', 'Any other immediate risk', [yn('otherRisk'), text('otherRiskDetail')].filter(Boolean).join(': ')),
				...(text('actionTaken') ? [row('actionTaken', 'What was done', text('actionTaken'))] : [])
			];
		case 'pupil':
			return [
				row('legalForename', 'Legal name', [text('legalForename'), text('legalSurname')].filter(Boolean).join(' ')),
				row('preferredName', 'Preferred name', text('preferredName') || 'Same as legal name'),
				row('dobDay', 'Date of birth', date('dob')),
				row('yearGroup', 'Year group', text('yearGroup') === 'none' ? 'Not in a year group' : text('yearGroup') ? `Year ${text('yearGroup')}` : ''),
				row('upn', 'Unique pupil number', text('upn') || 'Not given'),
				row('sex', 'Sex', labelOf(SEX, text('sex'))),
				row('ethnicity', 'Ethnicity', ETHNICITY.find((e) => e.code === text('ethnicity'))?.label ?? ''),
				row('sen', 'SEN provision', labelOf(SEN_PROVISION, text('sen'))),
				row('fsm', 'Eligible for free school meals', yn('fsm')),
				row('lookedAfter', 'Looked after', yn('lookedAfter')),
				row('socialWorker', 'Has a social worker', labelOf(SOCIAL_WORKER, text('socialWorker'))),
				row('youngCarer', 'Young carer', yn('youngCarer')),
				row('firstLanguage', 'First language', text('firstLanguage')),
				row('interpreter', 'Interpreter needed', yn('interpreter')),
				row('addressLine1', 'Home address', [text('addressLine1'), text('addressLine2'), text('town'), text('postcode').toUpperCase()].filter(Boolean).join(', ')),
				row('gpPractice', 'GP practice', text('gpPractice')),
				row('phone', 'Young person’s phone', text('phone') || 'Not given')
			];
		case 'family':
			return contactsOf(data).map((c, i) =>
				row(
					`contact${i + 1}Name`,
					`Parent or carer ${i + 1}`,
					[
						`${c.name} (${c.relationship})`,
						c.phone,
						c.email,
						c.parentalResponsibility ? 'Has parental responsibility' : 'No parental responsibility'
					]
						.filter(Boolean)
						.join('\n')
				)
			);
		case 'incident': {
			const substances = (Array.isArray(data.substances) ? (data.substances as string[]) : [])
				.map((s) => (s === 'other' ? text('substanceOther') || 'Other' : labelOf(SUBSTANCES, s)))
				.join(', ');
			const item = text('itemOutcome');
			return [
				row('incidentDay', 'Date and time', [date('incident'), text('incidentTime')].filter(Boolean).join(' at ')),
				row('place', 'Where', text('place')),
				row('cameToLight', 'How it came to light', [labelOf(CAME_TO_LIGHT, text('cameToLight')), text('cameToLightDetail')].filter(Boolean).join(': ')),
				row('substances', 'Substance as described', [substances, text('substanceDescription')].filter(Boolean).join('. ')),
				row('quantity', 'Quantity (estimate)', text('quantity')),
				row(
					'itemOutcome',
					'What happened to the item',
					[
						labelOf(ITEM_OUTCOMES, item),
						item === 'police' ? `reference ${text('itemPoliceReference')}` : '',
						item === 'disposed' ? `witnesses ${text('witness1')} and ${text('witness2')}` : ''
					]
						.filter(Boolean)
						.join(', ')
				),
				row(
					'policeInformed',
					'Police informed',
					text('policeInformed') === 'yes'
						? ['Yes', text('policeReference') && `reference ${text('policeReference')}`, text('policeOfficer') && `officer ${text('policeOfficer')}`, labelOf(POLICE_OUTCOMES, text('policeOutcome'))]
								.filter(Boolean)
								.join(', ')
						: yn('policeInformed')
				)
			];
		}
		case 'decision': {
			const decision = text('decision');
			return [
				row('decision', 'Decision', labelOf(SCHOOL_DECISIONS, decision)),
				...(decision === 'instead_of_suspension' || decision === 'alongside_suspension'
					? [row('wouldBeDays', 'Days of suspension that would have applied (estimate)', text('wouldBeDays'))]
					: []),
				...(decision === 'alongside_suspension' ? [row('actualDays', 'Days of the shorter suspension', text('actualDays'))] : []),
				row('decision', 'Reason code that would have applied', `${EXCLUSION_REASON_CODE} (drug and alcohol related)`),
				row('decidedBy', 'Decided by', text('decidedBy')),
				row('decidedDay', 'Date of the decision', date('decided'))
			];
		}
		case 'consent': {
			const how = (prefix: string) => [labelOf(CONSENT_METHODS, text(`${prefix}Method`)), date(prefix)].filter(Boolean).join(', ');
			const parent = text('parentConsent');
			return [
				row(
					'parentConsent',
					'Parent or carer consent',
					[labelOf(PARENT_CONSENT, parent), parent === 'yes' || parent === 'no' ? `${text('parentConsentBy')}, ${how('parentConsent')}` : ''].filter(Boolean).join('\n')
				),
				...(parent === 'not_told' ? [row('gillickReason', 'Why a parent or carer is not told (Gillick)', text('gillickReason'))] : []),
				row('youngPersonAgreed', 'The young person agreed', [yn('youngPersonAgreed'), text('youngPersonAgreed') === 'yes' ? how('youngPerson') : ''].filter(Boolean).join(', ')),
				row(
					'shareProgress',
					'Consent to share progress with the school',
					[yn('shareProgress'), text('shareProgress') === 'yes' ? `${labelOf(CONSENT_GIVERS, text('shareProgressBy'))}, ${how('shareProgress')}` : ''].filter(Boolean).join(', ')
				),
				row(
					'evaluation',
					'Consent for evaluation',
					[yn('evaluation'), text('evaluation') === 'yes' ? `${labelOf(CONSENT_GIVERS, text('evaluationBy'))}, ${how('evaluation')}` : ''].filter(Boolean).join(', ')
				)
			];
		}
	}
}
