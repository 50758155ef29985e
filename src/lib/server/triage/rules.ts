/**
 * The triage rules (DOMAIN.md §4). They live in $lib/triage-rules.ts so the form can show the required
 * escalations in the browser; the server reads them from here.
 */
export { FACT_RULES, RED_AGENCIES, TRIAGE_FLAGS, TRIAGE_RULES, isAsked, triageRules } from '$lib/triage-rules';
export type { IndicatorRule, ReferralFacts, TriageAnswers, TriageFlag, TriageOutcome } from '$lib/triage-rules';
