/**
 * The life domains a youth worker's assessment covers (DOMAIN.md §3 step 5), as data: the form, the
 * stored answers and the youth worker's summary all read this one list. Safe for the browser. The
 * school never sees the answers (DOMAIN.md §2: confidentiality inside the programme).
 */
export const ASSESSMENT_DOMAINS = [
	{
		key: 'substances',
		title: 'Substance history',
		hint: 'First use, how often, how it is taken (smoked, vaped, swallowed, snorted, injected), and whether they use more than one substance.'
	},
	{ key: 'mentalHealth', title: 'Mental health and sleep', hint: 'Mood, worries, self-harm, and how they are sleeping.' },
	{ key: 'physicalHealth', title: 'Physical health', hint: 'Health conditions, medication, eating, and any harm from use.' },
	{
		key: 'family',
		title: 'Family and home',
		hint: 'Who they live with and how things are at home, including parental substance use and domestic abuse.'
	},
	{
		key: 'friends',
		title: 'Friends and signs of exploitation',
		hint: 'Who they spend time with; missing episodes, older associates, unexplained money or goods, more than one phone, drug debt.'
	},
	{ key: 'education', title: 'Education and attendance', hint: 'Attendance, exclusions, how they get on at school or college.' },
	{ key: 'money', title: 'Money and debt', hint: 'Where their money comes from, and any debts, including drug debt.' },
	{ key: 'online', title: 'Online life', hint: 'Social media, buying or being offered substances online, contact with people they have not met.' },
	{ key: 'police', title: 'Police contact', hint: 'Any arrests, outcomes or contact with the police, as they describe it.' },
	{ key: 'strengths', title: 'Strengths and interests', hint: 'What they are good at and enjoy, and who supports them.' }
] as const;

export type AssessmentDomain = (typeof ASSESSMENT_DOMAINS)[number];
export type AssessmentDomainKey = AssessmentDomain['key'];
export const ASSESSMENT_DOMAIN_KEYS = ASSESSMENT_DOMAINS.map((d) => d.key) as AssessmentDomainKey[];

/** Up to five goals, in the young person's own words. */
export const MAX_GOALS = 5;
export const GOAL_FIELDS = ['goal1', 'goal2', 'goal3', 'goal4', 'goal5'] as const;
export type GoalField = (typeof GOAL_FIELDS)[number];

/** Group sessions or one-to-one. */
export const SUITABILITY_OPTIONS = [
	{ value: 'group', label: 'Group sessions' },
	{ value: 'one_to_one', label: 'One-to-one (1:1) sessions' }
] as const;
