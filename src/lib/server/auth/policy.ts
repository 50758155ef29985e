import type { Role } from '$lib/roles';

/**
 * The checked-in policy table (SECURITY.md 1). Every load, action and endpoint names one action from
 * here in its guard call, and the access-matrix tests are generated from it.
 *
 * - `public`: anyone, signed in or not.
 * - `mfaPending`: reachable by a password-only session (the MFA pages), and by a full session.
 * - `roles`: who may, and over what: `school` means the records of the actor's own school only,
 *   `service` the whole of the actor's service. Domain queries filter by that scope; the guard
 *   refuses every role not listed with a 404.
 * - `stepUp`: a fresh MFA code (within 15 minutes) is needed first.
 */
export type Scope = 'school' | 'service' | 'self';

export interface PolicyRow {
	public?: true;
	mfaPending?: true;
	roles?: Partial<Record<Role, Scope>>;
	stepUp?: true;
	/** What the row is for, shown in the generated access-matrix report. */
	note: string;
}

const everyone: Partial<Record<Role, Scope>> = {
	provider_admin: 'self',
	youth_worker: 'self',
	commissioner: 'self',
	dsl: 'self',
	deputy_dsl: 'self',
	governor: 'self'
};
const admin: Partial<Record<Role, Scope>> = { provider_admin: 'service' };
const school: Partial<Record<Role, Scope>> = { dsl: 'school', deputy_dsl: 'school' };
/** The school's safeguarding leads for their own pupils; youth workers and admins across the service. */
const caseReaders: Partial<Record<Role, Scope>> = { ...school, youth_worker: 'service', provider_admin: 'service' };
const caseActors: Partial<Record<Role, Scope>> = { ...school, youth_worker: 'service' };
const youthWorker: Partial<Record<Role, Scope>> = { youth_worker: 'service' };

export const POLICY = {
	// Public
	'public.layout': { public: true, note: 'The page frame: header and navigation' },
	'public.home': { public: true, note: 'The front door: sends people to sign-in or their home' },
	'public.sign-in': { public: true, note: 'Sign in with email and password' },
	'public.forgotten-password': { public: true, note: 'Ask for a password reset link' },
	'public.set-password': { public: true, note: 'Set a password from a one-time link' },
	'public.health': { public: true, note: 'Liveness check for the load balancer' },
	'bench.write-floor': { public: true, note: 'Performance bench only (a 404 unless BENCH=1): commits one audit-sized row' },
	// MFA pages: a password-only session reaches these alone
	'auth.mfa-setup': { mfaPending: true, roles: everyone, note: 'Enrol an authenticator app' },
	'auth.mfa-verify': { mfaPending: true, roles: everyone, note: 'Enter an authenticator code' },
	'auth.sign-out': { mfaPending: true, roles: everyone, note: 'Sign out' },
	'auth.session-extend': { mfaPending: true, roles: everyone, note: 'Stay signed in (timeout warning)' },
	'auth.step-up': { roles: everyone, note: 'Confirm a fresh authenticator code before an export' },
	// Every signed-in role
	'app.home': { roles: everyone, note: 'Each role\'s home page' },
	'account.view': { roles: everyone, note: 'Own account: MFA, recovery codes, password' },
	'account.change-password': { roles: everyone, note: 'Change own password' },
	'account.recovery-codes': { roles: everyone, stepUp: true, note: 'Make new recovery codes' },
	'account.sessions': { roles: everyone, note: 'End one of your own sign-in sessions, or all but this one' },
	// Referrals (DOMAIN.md §3 steps 1–2)
	'referral.list': { roles: { ...school, youth_worker: 'service', provider_admin: 'service' }, note: 'List and search referrals' },
	'referral.create': { roles: school, note: 'Start a referral (a draft belonging to the school)' },
	'referral.edit': { roles: school, note: 'Save a section of a draft, or correct a submitted referral before triage' },
	'referral.discard': { roles: school, note: 'Discard a draft' },
	'referral.submit': { roles: school, note: 'Submit a referral after checking the answers' },
	'referral.view': { roles: caseReaders, note: 'View a case, shaped by role and consent' },
	'referral.withdraw': { roles: caseActors, note: 'Withdraw a referral, with a reason' },
	'referral.consent-withdraw': { roles: caseActors, note: 'Record that a consent was withdrawn' },
	'referral.export-pdf': { roles: caseActors, stepUp: true, note: 'Download the referral summary PDF' },
	'referral.match': { roles: youthWorker, note: 'Confirm or reject a proposed match with an earlier referral' },
	'referral.fallback-decision': { roles: school, note: 'Record what the school decided when diversion did not go ahead' },
	// Triage and escalation (DOMAIN.md §3 steps 3–4)
	'triage.record': { roles: youthWorker, note: 'Answer the triage indicators and decide' },
	'triage.countersign-list': { roles: { youth_worker: 'service', provider_admin: 'service' }, note: 'Decisions awaiting countersignature (senior youth workers and admins sign)' },
	'triage.countersign': { roles: { youth_worker: 'service', provider_admin: 'service' }, note: 'Countersign a declined escalation or a not-suitable decision' },
	'escalation.record': { roles: caseActors, note: 'Record an escalation and its progress (a DSL records one they made)' },
	'escalation.export-pdf': { roles: caseActors, stepUp: true, note: 'Download an escalation summary PDF' },
	'timers.due-list': { roles: youthWorker, note: 'What is due and overdue across the service' },
	// Assessment, programme, outcome, certificate, onward referrals, follow-up (DOMAIN.md §3 steps 5–11)
	'assessment.record': { roles: youthWorker, note: 'Record the assessment, goals and suitability; send the case back to triage on new risks' },
	'onward.record': { roles: youthWorker, note: 'Record an onward referral and whether it was accepted and taken up' },
	'session.list': { roles: youthWorker, note: 'List programme sessions across the service' },
	'session.view': { roles: youthWorker, note: 'View a programme session and its register' },
	'session.schedule': { roles: youthWorker, note: 'Schedule, change or cancel a session, and add or remove young people' },
	'session.register': { roles: youthWorker, note: 'Take the register for a session' },
	'session.calendar': { roles: { ...school, youth_worker: 'service' }, note: 'Download a session as .ics (a DSL for their own pupils\' sessions)' },
	'review.decide': { roles: youthWorker, note: 'Decide a review after missed sessions: continue, move to 1:1, or close as did not engage' },
	'outcome.record': { roles: youthWorker, note: 'Confirm or override the proposed outcome and rate each goal' },
	'certificate.issue': { roles: youthWorker, note: 'Issue the completion certificate, confirming the name it shows' },
	'certificate.revoke': { roles: youthWorker, note: 'Revoke a certificate, with a reason' },
	'certificate.download': { roles: { ...school, youth_worker: 'service' }, note: 'Download a completion certificate (the kept bytes)' },
	'certificate.bulk-download': { roles: youthWorker, stepUp: true, note: 'Download the kept certificates of a session\'s young people as one ZIP (pupil-level export: step-up)' },
	'public.certificate-check': { public: true, note: 'Check a certificate by its verification code (rate-limited)' },
	'follow-up.record': { roles: caseActors, note: 'Record a follow-up (the provider adds police contact it was told of)' },
	'follow-up.list': { roles: { youth_worker: 'service', provider_admin: 'service' }, note: 'Follow-ups due, chased and not returned across the service' },
	// Reports (DOMAIN.md §5): aggregates only, never a pupil
	'report.governor': { roles: { governor: 'school', provider_admin: 'service', commissioner: 'service' }, note: 'A school\'s exclusion-avoidance report (governors: their own school)' },
	'report.governor-export': { roles: { governor: 'school', provider_admin: 'service', commissioner: 'service' }, note: 'Download a school\'s report as a PDF pack or CSV (aggregates: no step-up)' },
	'report.service': { roles: { commissioner: 'service', provider_admin: 'service' }, note: 'Outcomes across the service\'s schools, filterable by school and period' },
	'report.service-export': { roles: { commissioner: 'service', provider_admin: 'service' }, note: 'Download the service report as CSV (aggregates: no step-up)' },
	// Provider admin
	'admin.school.list': { roles: admin, note: 'List schools and colleges' },
	'admin.school.view': { roles: admin, note: 'View a school' },
	'admin.school.edit': { roles: admin, note: 'Add or edit a school' },
	'admin.school.roll': { roles: admin, note: 'Enter numbers on roll from the census' },
	'admin.user.list': { roles: admin, note: 'List users' },
	'admin.user.view': { roles: admin, note: 'View a user' },
	'admin.user.edit': { roles: admin, note: 'Create a user, change role, deactivate, resend link, reset MFA' },
	'admin.settings.view': { roles: admin, note: 'View service settings' },
	'admin.settings.edit': { roles: admin, note: 'Change service settings' },
	'admin.audit.list': { roles: admin, note: 'Search the audit log' },
	'admin.audit.export': { roles: admin, stepUp: true, note: 'Export the audit log (CSV)' },
	// Retention and subject access (DOMAIN.md §7; SECURITY.md 23, 24)
	'admin.retention.list': { roles: admin, note: 'Records due for retention review, and records on legal hold' },
	'admin.retention.view': { roles: admin, note: 'One record\'s retention: dates, why, any legal hold' },
	'admin.retention.extend': { roles: admin, note: 'Keep a record longer, to a later review date, with a reason' },
	'admin.retention.hold': { roles: admin, note: 'Place or lift a legal hold, with a reason' },
	'admin.retention.delete': { roles: admin, stepUp: true, note: 'Delete a record due for review: every pupil-level row (audit and statistics rows kept)' },
	'admin.subject-access.search': { roles: admin, note: 'Find a young person for a subject access request' },
	'admin.subject-access.export': { roles: admin, stepUp: true, note: 'Export everything held about one young person (PDF and JSON)' }
} as const satisfies Record<string, PolicyRow>;

export type Action = keyof typeof POLICY;

export function policyRow(action: Action): PolicyRow {
	return POLICY[action];
}

/** The scope a role holds for an action, or null when the role may not perform it. */
export function scopeFor(action: Action, role: Role): Scope | null {
	const row: PolicyRow = POLICY[action];
	return row.roles?.[role] ?? null;
}

export function isAction(name: string): name is Action {
	return Object.hasOwn(POLICY, name);
}
