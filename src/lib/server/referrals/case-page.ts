import { and, eq, sql } from 'drizzle-orm';
import { CASE_STATE_TAGS, type CaseState } from '$lib/case-states';
import type { Actor } from '../auth/actor';
import { scopeFor } from '../auth/policy';
import { t } from '../db';
import { preparedByShape } from '../db/prepared';
import { assessmentPanelFor } from '../assessments/view';
import { escalationsFor } from '../escalations/view';
import { followUpsFor } from '../follow-ups/view';
import { onwardReferralsFor } from '../onward-referrals/view';
import { outcomePanelFor } from '../outcomes/view';
import { keptPage, SHARED_SCOPE } from '../render/kept-pages';
import { KeptHtml } from '../render/kept-section';
import { retentionPanelFor } from '../retention/record';
import { sessionsOfCase } from '../support-sessions/case-sessions';
import { triageSummaryFor } from '../triage/summary';
import { viewCase, type CaseView } from './case-view';
import { preparedReferralScope, referralScopeKind, type ReferralScopeKind } from './scope';

/** Everything the case page shows, as the actor may see it; each panel audits its own read. */
export async function casePageData(actor: Actor, referralId: string) {
	const view = await viewCase(actor, referralId);
	if (!view) return null;
	return {
		view,
		triage: await triageSummaryFor(actor, referralId),
		escalations: await escalationsFor(actor, referralId),
		sessions: view.state === 'draft' ? null : await sessionsOfCase(actor, referralId, view.progressShared),
		assessment: await assessmentPanelFor(actor, referralId),
		onward: await onwardReferralsFor(actor, referralId),
		followUps: await followUpsFor(actor, referralId),
		outcome: await outcomePanelFor(actor, referralId),
		retention: await retentionPanelFor(actor, referralId),
		isYouthWorker: actor.role === 'youth_worker',
		canDownloadPdf: scopeFor('referral.export-pdf', actor.role) !== null
	};
}

export type CasePageData = NonNullable<Awaited<ReturnType<typeof casePageData>>>;

/** The page's heading: small, so sent as data and rendered live with the banners above it. */
export interface CaseHeading {
	displayName: string;
	schoolName: string;
	stateLabel: string;
	tag: string;
	flags: CaseView['flags'];
}

export interface RenderedCase {
	heading: CaseHeading;
	/** The page's body as HTML (render/kept-section.ts). */
	body: KeptHtml;
}

/** On every request: is the case in the actor's scope, and the versions of what it shows (one query). */
const stampPrepared = preparedByShape((q, kind: ReferralScopeKind) =>
	q
		.select({
			id: t.referral.id,
			caseVersion: sql<number>`coalesce((select ${t.recordVersion.version} from ${t.recordVersion} where ${t.recordVersion.scope} = ${t.referral.id}), 0)`,
			sharedVersion: sql<number>`coalesce((select ${t.recordVersion.version} from ${t.recordVersion} where ${t.recordVersion.scope} = ${SHARED_SCOPE}), 0)`
		})
		.from(t.referral)
		.where(and(eq(t.referral.id, sql.placeholder('referralId')), preparedReferralScope(kind)))
		.prepare()
);

/**
 * The case page for the actor: kept while nothing on it has changed (render/kept-pages.ts), built with
 * `render` otherwise. Null when the case is not in the actor's scope. The scope is checked, and the
 * page's audit rows written, on every request.
 */
export async function casePage(actor: Actor, referralId: string, render: (data: CasePageData) => string, now = Date.now()): Promise<RenderedCase | null> {
	const [stamp] = await stampPrepared(referralScopeKind(actor), { referralId, serviceId: actor.serviceId, schoolId: actor.schoolId ?? '' }).all();
	if (!stamp) return null;
	return keptPage(actor, `case:${referralId}`, [stamp.caseVersion, stamp.sharedVersion], async () => {
		const data = await casePageData(actor, referralId);
		if (!data) return null;
		const { view } = data;
		const heading: CaseHeading = {
			displayName: view.displayName,
			schoolName: view.schoolName,
			stateLabel: view.stateLabel,
			tag: view.state === 'received' ? 'blue' : CASE_STATE_TAGS[view.state as CaseState],
			flags: view.flags
		};
		const body = new KeptHtml(render(data));
		return { value: { heading, body }, bytes: body.html.length * 3 };
	}, now);
}
