import { eq } from 'drizzle-orm';
import type { SectionKey } from '$lib/schemas/referral/sections';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { db, t } from '../db';
import { localContactsFor } from '../settings/local-contacts';
import { findReferral, isEditableBySchool } from './drafts';

/**
 * One section of the referral form for its page: the answers as typed and their version, and for the
 * safety check the numbers for the school's local authority. Opening it is audited.
 */
export async function sectionForEdit(actor: Actor, referralId: string, key: SectionKey) {
	const found = await findReferral(actor, referralId);
	if (!found || found.referral.schoolId !== actor.schoolId) return null;
	const { referral, sections } = found;
	const [school] = await db().select({ localAuthority: t.school.localAuthority, type: t.school.type }).from(t.school).where(eq(t.school.id, referral.schoolId));
	await recordAudit(db(), actor, { action: 'referral.form-viewed', recordType: 'referral', recordId: referralId, detail: { section: key } });
	return {
		referralId,
		state: referral.state,
		displayName: referral.displayName,
		editable: isEditableBySchool(referral),
		data: sections[key]?.data ?? null,
		version: sections[key]?.version ?? 0,
		localNumbers: key === 'safety' && school ? await localContactsFor(db(), referral.serviceId, school.localAuthority) : null,
		localAuthority: school?.localAuthority ?? ''
	};
}
