import { academicYearLabel, formatIsoDate } from '$lib/schemas/admin-settings';
import type { Queryable } from '../db';
import { listBankHolidays } from './calendar';
import { listLocalContacts } from './local-contacts';
import { currentModuleSet } from './modules';
import { getSetting } from './settings';
import { listTermDates } from './term-dates';

/** One row of the settings overview: what it is, its value, what it means, and where to change it. */
export interface SummaryRow {
	label: string;
	value: string[];
	hint: string;
	href: string;
}

export interface SummarySection {
	heading: string;
	rows: SummaryRow[];
}

function count(n: number, unit: string): string {
	return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

const BASE = '/admin/settings';

/** The settings overview, as plain text lines: the page only lays them out. */
export async function settingsSummary(q: Queryable, serviceId: string): Promise<SummarySection[]> {
	const programmeName = await getSetting(q, serviceId, 'programmeName');
	const mfa = await getSetting(q, serviceId, 'requireMfaForOversight');
	const eligibility = await getSetting(q, serviceId, 'eligibility');
	const slas = await getSetting(q, serviceId, 'slas');
	const threshold = await getSetting(q, serviceId, 'suppressionThreshold');
	const denominator = await getSetting(q, serviceId, 'minimumDenominator');
	const unitCosts = await getSetting(q, serviceId, 'unitCosts');
	const retention = await getSetting(q, serviceId, 'retention');
	const modules = (await currentModuleSet(q, serviceId))?.modules ?? [];
	const holidays = await listBankHolidays(q, serviceId);
	const years = await listTermDates(q, serviceId);
	const contacts = await listLocalContacts(q, serviceId);
	const [firstHoliday] = holidays;
	const lastHoliday = holidays.at(-1);
	const sla = (key: keyof typeof slas) => `${BASE}/slas#${key}`;
	return [
		{
			heading: 'Programme',
			rows: [
				{ label: 'Programme name', value: [programmeName], hint: 'Shown on certificates and in messages to schools and families.', href: `${BASE}/programme-name` },
				{
					label: 'Modules',
					value: modules.map((m, i) => `${i + 1}. ${m.title}${m.core ? ' (core)' : ''}`),
					hint: 'A young person completes the programme by attending every core module. Changes apply to new cases; cases already started keep their modules.',
					href: `${BASE}/modules`
				},
				{
					label: 'School pupils who can be referred',
					value: [`Years ${eligibility.schoolYearFrom} to ${eligibility.schoolYearTo}`],
					hint: 'School year groups the programme accepts.',
					href: `${BASE}/eligibility`
				},
				{
					label: 'College students who can be referred',
					value: [`Aged ${eligibility.collegeAgeFrom} to ${eligibility.collegeAgeTo}, or up to ${eligibility.collegeAgeToWithEhcp} with an education, health and care (EHC) plan`],
					hint: 'Ages the programme accepts from colleges.',
					href: `${BASE}/eligibility#collegeAgeFrom`
				}
			]
		},
		{
			heading: 'Time limits',
			rows: [
				{ label: 'Triage', value: [`${count(slas.triageWorkingDays, 'working day')} after a referral is submitted`], hint: 'A youth worker triages each new referral within this time.', href: sla('triageWorkingDays') },
				{ label: 'Written MASH referral', value: [`${count(slas.mashWrittenReferralHours, 'hour')} after phoning MASH`], hint: 'A phone call to the multi-agency safeguarding hub is followed by a written referral within this time.', href: sla('mashWrittenReferralHours') },
				{ label: 'MASH decision', value: [count(slas.mashDecisionWorkingDays, 'working day')], hint: 'A MASH referral still without a decision after this is overdue, and the youth workers are emailed.', href: sla('mashDecisionWorkingDays') },
				{ label: 'Countersigning', value: [count(slas.countersignWorkingDays, 'working day')], hint: 'A decision not to make a required escalation is countersigned within this time.', href: sla('countersignWorkingDays') },
				{ label: 'Follow-up', value: [`${count(slas.followUpMonths, 'month')} after the outcome`], hint: 'When the school is asked about any further incident.', href: sla('followUpMonths') },
				{ label: 'Follow-up reminder', value: [`${count(slas.followUpChaseWorkingDays, 'working day')} after it is due`], hint: 'When a follow-up that has not been answered is chased.', href: sla('followUpChaseWorkingDays') }
			]
		},
		{
			heading: 'Calendar',
			rows: [
				{
					label: 'Bank holidays',
					value: firstHoliday && lastHoliday ? [`${count(holidays.length, 'date')}, from ${formatIsoDate(firstHoliday.date)} to ${formatIsoDate(lastHoliday.date)}`] : ['None'],
					hint: 'Working days skip weekends and these dates.',
					href: `${BASE}/bank-holidays`
				},
				{
					label: 'Term dates',
					value: years.length > 0 ? [years.map((y) => academicYearLabel(y.academicYear)).join(', ')] : ['None set'],
					hint: 'Governors’ reports are grouped by term.',
					href: `${BASE}/term-dates`
				}
			]
		},
		{
			heading: 'Safety and privacy',
			rows: [
				{
					label: 'Local numbers',
					value: contacts.length > 0 ? contacts.map((c) => `${c.localAuthority}: ${c.numbers ? 'numbers held' : 'no numbers yet'}`) : ['No local authorities yet'],
					hint: 'MASH, emergency duty team, police, YOT and CAMHS numbers shown when a safety check finds a risk.',
					href: `${BASE}/local-numbers`
				},
				{
					label: 'Authenticator app for governors and commissioners',
					value: [mfa ? 'Required' : 'Optional'],
					hint: 'They see only reports with no pupil details. Everyone else must always use an authenticator app.',
					href: `${BASE}/mfa`
				},
				{
					label: 'Keeping records',
					value: [`Diversion only: reviewed ${count(retention.diversionYears, 'year')} after the case closes`, 'Child protection: kept until the young person’s 25th birthday'],
					hint: 'When a closed case’s record comes up for review on the retention page, to keep or delete.',
					href: `${BASE}/retention`
				},
				{ label: 'Small-number threshold', value: [`Counts from 1 to ${threshold - 1} show as “<${threshold}”`], hint: 'Hides small counts in reports so that no child can be identified.', href: `${BASE}/small-numbers` },
				{ label: 'Percentages', value: [`Shown only when there are at least ${denominator} cases`], hint: 'A percentage of very few cases can mislead or identify a child.', href: `${BASE}/small-numbers#minimumDenominator` },
				{
					label: 'Unit costs',
					value: [`A day’s suspension: £${unitCosts.suspensionDay.pounds.toLocaleString('en-GB')}`, `A permanent exclusion: £${unitCosts.permanentExclusion.pounds.toLocaleString('en-GB')}`],
					hint: 'The service report’s estimate of costs avoided uses these, and shows where each comes from.',
					href: `${BASE}/unit-costs`
				}
			]
		}
	];
}
