import { describe, expect, it } from 'vitest';
import { proposeOutcome, type OutcomeFacts } from './outcome-rule';

const core = ['harm', 'economic', 'tailored'];
const facts = (over: Partial<OutcomeFacts>): OutcomeFacts => ({ assessmentCompleted: true, coreModuleIds: core, attendance: [], ...over });

describe('the outcome rule (DOMAIN.md §3 step 7)', () => {
	it('proposes completed when the assessment is complete and every core module was attended', () => {
		const proposal = proposeOutcome(
			facts({
				attendance: [
					{ moduleIds: ['harm'], attendance: 'present' },
					{ moduleIds: ['economic', 'tailored'], attendance: 'late' }
				]
			})
		);
		expect(proposal).toEqual({ outcome: 'completed', basis: 'all-covered', coveredModuleIds: ['harm', 'economic', 'tailored'], missingModuleIds: [], sessionsAttended: 2 });
	});

	it('counts a module missed with an excuse once a later or 1:1 session covering it was attended', () => {
		const proposal = proposeOutcome(
			facts({
				attendance: [
					{ moduleIds: ['harm', 'economic'], attendance: 'present' },
					{ moduleIds: ['tailored'], attendance: 'excused' },
					{ moduleIds: ['tailored'], attendance: 'present' }
				]
			})
		);
		expect(proposal.outcome).toBe('completed');
	});

	it('proposes partially completed when an excused module was never covered again', () => {
		const proposal = proposeOutcome(
			facts({
				attendance: [
					{ moduleIds: ['harm', 'economic'], attendance: 'present' },
					{ moduleIds: ['tailored'], attendance: 'excused' }
				]
			})
		);
		expect(proposal).toEqual({ outcome: 'partially_completed', basis: 'modules-missing', coveredModuleIds: ['harm', 'economic'], missingModuleIds: ['tailored'], sessionsAttended: 1 });
	});

	it('does not count absent, excused or unrecorded registers as attended', () => {
		const proposal = proposeOutcome(
			facts({
				attendance: [
					{ moduleIds: ['harm'], attendance: 'absent' },
					{ moduleIds: ['economic'], attendance: 'excused' },
					{ moduleIds: ['tailored'], attendance: null }
				]
			})
		);
		expect(proposal).toEqual({ outcome: 'did_not_engage', basis: 'none-attended', coveredModuleIds: [], missingModuleIds: ['harm', 'economic', 'tailored'], sessionsAttended: 0 });
	});

	it('proposes did not engage when no session was on the register at all', () => {
		expect(proposeOutcome(facts({ attendance: [] })).outcome).toBe('did_not_engage');
	});

	it('proposes partially completed when every module was attended but the assessment is not complete', () => {
		const proposal = proposeOutcome(facts({ assessmentCompleted: false, attendance: [{ moduleIds: core, attendance: 'present' }] }));
		expect(proposal.outcome).toBe('partially_completed');
		expect(proposal.basis).toBe('assessment-incomplete');
	});

	it('ignores non-core modules: attending only those is partial', () => {
		const proposal = proposeOutcome(facts({ attendance: [{ moduleIds: ['optional-extra'], attendance: 'present' }] }));
		expect(proposal).toEqual({ outcome: 'partially_completed', basis: 'modules-missing', coveredModuleIds: [], missingModuleIds: ['harm', 'economic', 'tailored'], sessionsAttended: 1 });
	});

	it('never proposes completed for a case without core modules', () => {
		expect(proposeOutcome(facts({ coreModuleIds: [], attendance: [{ moduleIds: ['x'], attendance: 'present' }] })).outcome).toBe('partially_completed');
	});

	it('proposes did not engage when a review closed the case, whatever was attended', () => {
		const proposal = proposeOutcome(facts({ reviewClosedAsDidNotEngage: true, attendance: [{ moduleIds: ['harm'], attendance: 'present' }] }));
		expect(proposal.outcome).toBe('did_not_engage');
		expect(proposal.basis).toBe('review-closed');
	});

	it('proposes withdrawn on the withdraw path, before anything else', () => {
		expect(proposeOutcome(facts({ withdrawn: true, reviewClosedAsDidNotEngage: true, attendance: [{ moduleIds: core, attendance: 'present' }] })).outcome).toBe('withdrawn');
	});
});
