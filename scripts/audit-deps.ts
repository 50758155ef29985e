/**
 * `npm run audit:deps`: audits the production dependencies (SECURITY.md 25). Fails on an advisory of
 * moderate severity or worse unless audit-allowlist.json allows it with a reason and an unexpired date.
 * When the registry has no advisory endpoint (some mirrors answer 405), it says so loudly and fails
 * only with AUDIT_REQUIRED=1.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { advisoriesFrom, judgeAudit, type Allowance } from '../src/lib/server/supply/audit-policy';

function runAudit(): unknown {
	try {
		return JSON.parse(execFileSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
	} catch (e) {
		// npm audit exits non-zero when it finds advisories; its JSON is still on stdout.
		const stdout = (e as { stdout?: string }).stdout ?? '';
		try {
			return JSON.parse(stdout);
		} catch {
			return { message: 'npm audit printed no JSON' };
		}
	}
}

const allowList = JSON.parse(readFileSync('audit-allowlist.json', 'utf8')) as Allowance[];
const report = runAudit();
const advisories = advisoriesFrom(report);
if (!advisories) {
	const message = (report as { message?: string }).message ?? 'unknown error';
	console.error(`WARNING: npm audit could not reach the advisory database, so production dependencies were NOT audited: ${message}`);
	process.exit(process.env.AUDIT_REQUIRED === '1' ? 1 : 0);
}
const verdict = judgeAudit(advisories, allowList, new Date().toISOString().slice(0, 10));
for (const { advisory, allowance } of verdict.allowed) console.log(`allowed until ${allowance.expires}: ${advisory.package} ${advisory.severity} ${advisory.id} (${allowance.reason})`);
for (const advisory of verdict.failing) console.error(`FAIL: ${advisory.package} ${advisory.severity}: ${advisory.title} ${advisory.id}`);
for (const problem of verdict.listProblems) console.error(`FAIL: ${problem}`);
console.log(verdict.ok ? 'npm audit: no production advisory at moderate or above' : 'npm audit: failed');
process.exit(verdict.ok ? 0 : 1);
