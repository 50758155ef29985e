import { fakerEN_GB as faker } from '@faker-js/faker';
import type { Attendance } from '$lib/schemas/support-session';
import type { GoalRating } from '$lib/outcomes';
import { academicYearOf, addDays, dobFor, weekdayOnOrAfter } from './clock';
import type { CaseEnding, CasePlan } from './cases';
import { NOTHING_FURTHER } from './follow-ups';

/**
 * Ashdale High School, the demo's busy school (issue point 8): a year of referrals in the last academic
 * year and a few in this one, in monthly groups that share their three sessions. Characteristics,
 * decisions, outcomes and follow-up answers are drawn by a seeded faker in realistic proportions, with
 * some groups small on purpose so that the governor's report shows suppressed cells beside real ones.
 */
export type Fate = 'completed' | 'partial' | 'not-engaged' | 'withdrawn' | 'not-suitable';

export interface AshdaleCase {
	plan: CasePlan;
	fate: Fate;
	marks: Attendance[];
}

export interface Cohort {
	cases: AshdaleCase[];
	sessions: string[];
}

const LAST_YEAR_SIZES = [5, 6, 5, 4, 5, 6, 5, 5, 4, 6, 4];
const THIS_YEAR_SIZES = [4, 3, 3, 3];
const LAST_YEAR_FATES: [Fate, number][] = [['completed', 37], ['partial', 8], ['not-engaged', 5], ['withdrawn', 3], ['not-suitable', 2]];
const THIS_YEAR_FATES: Fate[] = ['completed', 'completed', 'partial', 'completed', 'completed', 'not-engaged', 'completed', 'completed', 'withdrawn', 'completed', 'completed', 'completed', 'completed'];

const pick = <T>(weighted: [T, number][]) => faker.helpers.weightedArrayElement(weighted.map(([value, weight]) => ({ value, weight })));

/** The school holidays at new year: a session that would fall in them moves to the first week of January. */
function termDay(iso: string): string {
	const md = iso.slice(5);
	if (md >= '12-20') return weekdayOnOrAfter(`${Number(iso.slice(0, 4)) + 1}-01-05`);
	if (md <= '01-04') return weekdayOnOrAfter(`${iso.slice(0, 4)}-01-05`);
	return weekdayOnOrAfter(iso);
}

function pupilAnswers(yearGroup: string, submittedOn: string) {
	const sex = pick([['M', 60], ['F', 40]]);
	const social = pick([['none', 88], ['cin', 8], ['cp', 4]]);
	const police = faker.datatype.boolean({ probability: 0.2 });
	const decision = pick([['instead_of_suspension', 70], ['instead_of_permanent_exclusion', 15], ['alongside_suspension', 15]]);
	const wouldBe = decision === 'alongside_suspension' ? faker.number.int({ min: 3, max: 5 }) : faker.number.int({ min: 1, max: 5 });
	const pupil = {
		sex,
		ethnicity: pick([['WBRI', 52], ['WOTH', 5], ['WIRT', 2], ['MWBC', 8], ['MWBA', 3], ['MOTH', 2], ['APKN', 9], ['ABAN', 5], ['AIND', 3], ['BCRB', 4], ['BAFR', 2], ['CHNE', 1], ['OOTH', 2], ['NOBT', 2]]),
		sen: pick([['N', 64], ['K', 28], ['E', 8]]),
		fsm: faker.datatype.boolean({ probability: 0.45 }) ? 'yes' : 'no',
		lookedAfter: faker.datatype.boolean({ probability: 0.04 }) ? 'yes' : 'no',
		socialWorker: social
	};
	return {
		sex: sex as 'M' | 'F',
		careFlag: pupil.lookedAfter === 'yes' || social !== 'none',
		social,
		answers: {
			pupil,
			incident: {
				cameToLight: pick([['search', 50], ['observed', 28], ['disclosure', 22]]),
				substances: [pick([['cannabis', 45], ['thc_vape', 35], ['nitrous_oxide', 10], ['ketamine', 4], ['alcohol', 6]])],
				policeInformed: police ? 'yes' : 'no',
				policeReference: police ? `DEMO-${faker.string.numeric(6)}` : '',
				policeOutcome: police ? pick([['nfa', 40], ['community_resolution', 25], ['outcome_22', 20], ['not_yet_known', 15]]) : ''
			},
			decision: {
				decision,
				wouldBeDays: decision === 'instead_of_permanent_exclusion' ? '' : String(wouldBe),
				actualDays: decision === 'alongside_suspension' ? String(faker.number.int({ min: 1, max: Math.min(2, wouldBe - 1) })) : ''
			}
		},
		dob: dobFor(yearGroup, submittedOn, faker.number.int({ min: 0, max: 11 }), faker.number.int({ min: 1, max: 28 }))
	};
}

function marksOf(fate: Fate): Attendance[] {
	if (fate === 'completed') return faker.helpers.arrayElement<Attendance[]>([['present', 'present', 'present'], ['present', 'late', 'present'], ['late', 'present', 'present']]);
	if (fate === 'partial') return faker.helpers.arrayElement<Attendance[]>([['present', 'present', 'absent'], ['present', 'absent', 'present'], ['excused', 'present', 'absent']]);
	if (fate === 'not-engaged') return ['absent', 'absent', 'absent'];
	return ['present', 'excused', 'excused'];
}

function ratingsOf(fate: Fate, goals: number): GoalRating[] {
	const weights: Record<Fate, [GoalRating, number][]> = {
		completed: [['achieved', 88], ['partly', 12]],
		partial: [['achieved', 30], ['partly', 50], ['not', 20]],
		'not-engaged': [['not', 100]],
		withdrawn: [['partly', 40], ['not', 60]],
		'not-suitable': [['not', 100]]
	};
	return Array.from({ length: goals }, () => pick(weights[fate]));
}

function endingOf(fate: Fate, on: string, goals: number, name: string): CaseEnding {
	const afterDays = faker.number.int({ min: 3, max: 10 });
	const suspension = (days: number) => ({ decision: 'suspension' as const, days, note: '', afterDays });
	const none = { decision: 'no_further_sanction' as const, days: null, note: 'Stayed in school with a support plan (demo).', afterDays };
	const ratings = ratingsOf(fate, goals);
	switch (fate) {
		case 'completed':
			return { outcome: 'completed', on, ratings, certificate: name };
		case 'partial':
			return { outcome: 'partially_completed', on, ratings, fallback: faker.datatype.boolean({ probability: 0.7 }) ? none : suspension(faker.number.int({ min: 1, max: 2 })) };
		case 'not-engaged':
			return { outcome: 'did_not_engage', on, ratings, closeReview: 'Missed two sessions and did not reply to calls or letters (demo).', fallback: faker.datatype.boolean({ probability: 0.6 }) ? suspension(faker.number.int({ min: 1, max: 3 })) : none };
		case 'withdrawn':
			return { outcome: 'withdrawn', on, ratings, reason: 'The family asked to stop: the young person is moving school (demo).', fallback: suspension(2) };
		default:
			return { on, ratings, fallback: suspension(3) };
	}
}

/** Six-month answers: most schools answer, some never do; further trouble is likelier after a weaker outcome. */
function followUpOf(fate: Fate, onward: boolean): CasePlan['followUp'] {
	if (fate === 'withdrawn' || fate === 'not-suitable' || faker.datatype.boolean({ probability: 0.2 })) return undefined;
	const risk = { completed: 1, partial: 2.5, 'not-engaged': 4 }[fate];
	const yes = (p: number) => (faker.datatype.boolean({ probability: Math.min(p * risk, 0.9) }) ? 'yes' : 'no');
	const suspension = yes(0.1);
	const exclusion = fate === 'not-engaged' ? yes(0.05) : 'no';
	return {
		afterDays: faker.number.int({ min: 1, max: 12 }),
		answers: {
			...NOTHING_FURTHER,
			furtherDrugIncident: yes(0.08),
			suspension,
			suspensionDrugRelated: suspension === 'yes' ? faker.helpers.arrayElement(['yes', 'no']) : '',
			exclusion,
			exclusionDrugRelated: exclusion === 'yes' ? 'yes' : '',
			policeContact: faker.datatype.boolean({ probability: 0.1 }) ? 'not_known' : yes(0.05),
			onwardTakeUp: onward ? faker.helpers.arrayElement(['yes', 'yes', 'no']) : 'not_known'
		}
	};
}

function cohort(start: string, size: number, fates: Fate[]): Cohort {
	const s1 = termDay(addDays(start, 17));
	const s2 = termDay(addDays(s1, 7));
	const s3 = termDay(addDays(s2, 7));
	const outcomeOn = weekdayOnOrAfter(addDays(s3, 1));
	const cases = Array.from({ length: size }, (_, j): AshdaleCase => {
		const fate = fates.shift() ?? 'completed';
		const submittedOn = weekdayOnOrAfter(addDays(start, j * 2));
		const yearGroup = pick([['7', 5], ['8', 12], ['9', 25], ['10', 33], ['11', 25]]);
		const drawn = pupilAnswers(yearGroup, submittedOn);
		const pupil = { forename: faker.person.firstName(drawn.sex === 'M' ? 'male' : 'female'), surname: faker.person.lastName() };
		const goals = faker.number.int({ min: 1, max: 3 });
		const onward = fate !== 'not-suitable' && faker.datatype.boolean({ probability: 0.2 });
		const plan: CasePlan = {
			entry: { school: 'ashdale', yearGroup, dob: drawn.dob, answers: drawn.answers },
			pupil,
			submittedOn,
			triage:
				fate === 'not-suitable'
					? { decision: 'not-suitable', notSuitable: { reason: 'Already in a youth justice prevention programme for the same incident (demo).', redirectedTo: 'Youth justice service (demo)' } }
					: { decision: 'accept', levelOfNeed: drawn.social === 'cp' ? 4 : drawn.careFlag ? 3 : pick([[1, 70], [2, 30]]), rag: drawn.careFlag ? 'amber' : 'green', yes: drawn.careFlag ? ['lookedAfterOrSocialWorker'] : [] },
			assessedAfterDays: fate === 'not-suitable' ? undefined : 4,
			goals,
			onward: onward ? { toService: pick([['Young people’s substance service (demo)', 50], ['Early Help (demo)', 30], ['CAMHS (demo)', 20]]), afterDays: faker.number.int({ min: 8, max: 12 }), accepted: 'yes', takenUp: pick([['yes', 60], ['no', 20], ['not_known', 20]]) } : undefined,
			ending: endingOf(fate, fate === 'not-suitable' ? submittedOn : outcomeOn, goals, `${pupil.forename} ${pupil.surname}`),
			followUp: followUpOf(fate, onward)
		};
		return { plan, fate, marks: marksOf(fate) };
	});
	return { cases, sessions: [s1, s2, s3] };
}

/** Monthly groups from September of the last academic year to the month before last of this one. */
export function ashdaleCohorts(today: string): Cohort[] {
	const current = academicYearOf(today);
	const lastFates = faker.helpers.shuffle(LAST_YEAR_FATES.flatMap(([fate, n]) => Array.from({ length: n }, () => fate)));
	const thisFates = [...THIS_YEAR_FATES];
	const cohorts: Cohort[] = [];
	const startOf = (year: number, i: number) => weekdayOnOrAfter(`${year + Math.floor((8 + i) / 12)}-${String(((8 + i) % 12) + 1).padStart(2, '0')}-08`);
	LAST_YEAR_SIZES.forEach((size, i) => cohorts.push(cohort(startOf(current - 1, i), size, lastFates)));
	THIS_YEAR_SIZES.forEach((size, i) => {
		const start = startOf(current, i);
		if (addDays(start, 10) < today) cohorts.push(cohort(start, size, thisFates));
	});
	return cohorts;
}
