/**
 * The dependency audit's rules (SECURITY.md 25), pure so they are tested without the network: an
 * advisory of moderate severity or worse in a production dependency fails the build unless the
 * allow-list names it with a reason and an expiry date that has not passed.
 */
export type Severity = 'info' | 'low' | 'moderate' | 'high' | 'critical';
const RANK: Record<Severity, number> = { info: 0, low: 1, moderate: 2, high: 3, critical: 4 };

export interface Advisory {
	/** The advisory's URL or GHSA id; the allow-list matches on it. */
	id: string;
	package: string;
	severity: Severity;
	title: string;
}

export interface Allowance {
	id: string;
	package: string;
	reason: string;
	/** YYYY-MM-DD: after this day the allowance no longer counts. */
	expires: string;
}

export interface AuditVerdict {
	ok: boolean;
	failing: Advisory[];
	allowed: { advisory: Advisory; allowance: Allowance }[];
	/** Allow-list entries that are malformed, expired or match nothing: each fails the build too. */
	listProblems: string[];
}

/** The advisories in `npm audit --json` output (npm 7+ "vulnerabilities" shape). */
export function advisoriesFrom(report: unknown): Advisory[] | null {
	if (!report || typeof report !== 'object' || !('vulnerabilities' in report)) return null;
	const vulnerabilities = (report as { vulnerabilities: Record<string, { via?: unknown[] }> }).vulnerabilities;
	const found = new Map<string, Advisory>();
	for (const [name, entry] of Object.entries(vulnerabilities ?? {})) {
		for (const via of entry.via ?? []) {
			if (!via || typeof via !== 'object') continue;
			const v = via as { url?: string; source?: number; severity?: Severity; title?: string; name?: string };
			const id = v.url ?? String(v.source ?? '');
			if (!id || !v.severity) continue;
			found.set(`${id}|${v.name ?? name}`, { id, package: v.name ?? name, severity: v.severity, title: v.title ?? '' });
		}
	}
	return [...found.values()];
}

export function judgeAudit(advisories: Advisory[], allowList: Allowance[], today: string): AuditVerdict {
	const listProblems: string[] = [];
	const live: Allowance[] = [];
	for (const entry of allowList) {
		if (!entry.id || !entry.package) listProblems.push(`An allow-list entry has no advisory id or package: ${JSON.stringify(entry)}`);
		else if (!entry.reason?.trim()) listProblems.push(`The allowance for ${entry.package} (${entry.id}) gives no reason`);
		else if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.expires ?? '')) listProblems.push(`The allowance for ${entry.package} (${entry.id}) has no expiry date (YYYY-MM-DD)`);
		else if (entry.expires < today) listProblems.push(`The allowance for ${entry.package} (${entry.id}) expired on ${entry.expires}: fix it or renew it with a reason`);
		else live.push(entry);
	}
	const serious = advisories.filter((a) => RANK[a.severity] >= RANK.moderate);
	const failing: Advisory[] = [];
	const allowed: AuditVerdict['allowed'] = [];
	for (const advisory of serious) {
		const allowance = live.find((a) => a.id === advisory.id && a.package === advisory.package);
		if (allowance) allowed.push({ advisory, allowance });
		else failing.push(advisory);
	}
	for (const entry of live) {
		if (!allowed.some((a) => a.allowance === entry)) listProblems.push(`The allowance for ${entry.package} (${entry.id}) matches no advisory: remove it`);
	}
	return { ok: failing.length === 0 && listProblems.length === 0, failing, allowed, listProblems };
}
