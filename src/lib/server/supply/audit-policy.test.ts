import { describe, expect, it } from 'vitest';
import { advisoriesFrom, judgeAudit, type Advisory } from './audit-policy';

const REPORT = {
	vulnerabilities: {
		cookie: { via: [{ source: 1, name: 'cookie', url: 'https://github.com/advisories/GHSA-aaaa', severity: 'low', title: 'Low one' }] },
		devalue: { via: [{ source: 2, name: 'devalue', url: 'https://github.com/advisories/GHSA-bbbb', severity: 'high', title: 'Prototype pollution' }] },
		'@sveltejs/kit': { via: ['devalue'] }
	}
};
const high: Advisory = { id: 'https://github.com/advisories/GHSA-bbbb', package: 'devalue', severity: 'high', title: 'Prototype pollution' };

describe('the dependency audit (SECURITY.md 25)', () => {
	it('reads the advisories from npm audit, once each, ignoring the chains that point at them', () => {
		expect(advisoriesFrom(REPORT)).toEqual([{ id: 'https://github.com/advisories/GHSA-aaaa', package: 'cookie', severity: 'low', title: 'Low one' }, high]);
		expect(advisoriesFrom({ message: '405 Method Not Allowed' })).toBeNull();
	});

	it('fails on a moderate or worse advisory, not on a low one', () => {
		const advisories = advisoriesFrom(REPORT) ?? [];
		expect(judgeAudit(advisories, [], '2026-11-26')).toMatchObject({ ok: false, failing: [high] });
		expect(judgeAudit(advisories.filter((a) => a.severity === 'low'), [], '2026-11-26')).toMatchObject({ ok: true, failing: [] });
	});

	it('lets an advisory through only with a reason and an expiry that has not passed', () => {
		const allowance = { id: high.id, package: 'devalue', reason: 'Only reachable through a dev route we do not ship', expires: '2026-12-31' };
		expect(judgeAudit([high], [allowance], '2026-11-26')).toMatchObject({ ok: true, failing: [], listProblems: [] });
		expect(judgeAudit([high], [allowance], '2027-01-01')).toMatchObject({ ok: false, failing: [high] });
		expect(judgeAudit([high], [{ ...allowance, reason: ' ' }], '2026-11-26').listProblems).toEqual([`The allowance for devalue (${high.id}) gives no reason`]);
		expect(judgeAudit([high], [{ ...allowance, expires: 'soon' }], '2026-11-26').ok).toBe(false);
	});

	it('fails on an allowance that matches nothing, so the list never outlives its reason', () => {
		const stale = { id: 'https://github.com/advisories/GHSA-zzzz', package: 'left-pad', reason: 'Fixed upstream', expires: '2027-01-01' };
		expect(judgeAudit([], [stale], '2026-11-26')).toMatchObject({ ok: false, listProblems: [`The allowance for left-pad (${stale.id}) matches no advisory: remove it`] });
	});
});
