import { FLOOR_NAMES } from './budgets';
import type { Endpoint } from './load';
import type { BenchWorld } from './targets';

const HTML = /^text\/html/;
const get = (e: Omit<Endpoint, 'method' | 'status' | 'contentType' | 'audited'> & Partial<Endpoint>): Endpoint => ({ method: 'GET', status: 200, contentType: HTML, audited: true, ...e });

/** The two floors, measured on the same server in the same run as the pages. */
export function floorEndpoints(): { read: Endpoint; write: Endpoint } {
	return {
		// The "Hide screen" page: the root layout and nothing else; anonymous, so not even a session is read.
		read: get({ name: FLOOR_NAMES.read, role: 'anonymous', path: '/hidden', token: null, audited: false }),
		write: { name: FLOOR_NAMES.write, role: 'anonymous', path: '/bench/write-floor', method: 'POST', token: null, audited: true, status: 204, contentType: /.*/ }
	};
}

/** The busiest pages (issue 8), each as the role that uses it. Every one writes an audit row (SECURITY.md 15). */
export function pageEndpoints(w: BenchWorld): Endpoint[] {
	return [
		get({ name: 'DSL home list', role: 'DSL', path: '/home', token: w.dsl.token }),
		get({ name: 'DSL name search', role: 'DSL', path: `/home?q=${encodeURIComponent(w.surname)}`, token: w.dsl.token }),
		get({ name: 'Case page', role: 'youth worker', path: `/referrals/${w.caseId}`, token: w.youthWorker.token }),
		get({ name: 'Triage queue', role: 'youth worker', path: '/home', token: w.youthWorker.token }),
		get({ name: 'Due list', role: 'youth worker', path: '/due', token: w.youthWorker.token }),
		get({ name: 'Governor report', role: 'governor', path: `/reports/school/${w.schoolId}`, token: w.governor.token }),
		get({ name: 'Commissioner report', role: 'commissioner', path: '/reports/service', token: w.commissioner.token }),
		get({ name: 'Certificate download', role: 'DSL', path: `/referrals/${w.caseId}/certificate.pdf`, token: w.dsl.token, contentType: /^application\/pdf/ })
	];
}
