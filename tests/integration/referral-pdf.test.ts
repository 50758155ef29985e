import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db, t } from '$lib/server/db';
import { referralSummaryPdf } from '$lib/server/referrals/summary-pdf';
import { submitReferral } from '$lib/server/referrals/submit';
import { useTestDatabase } from '../helpers/database';
import { pdfText } from '../helpers/pdf';
import { completeDraft } from '../helpers/referral';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
let referralId: string;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	const dsl = world.services[0].schools[0].actors.dsl;
	referralId = await completeDraft(dsl, {
		pupil: { legalForename: 'Zoë', legalSurname: '<script>alert(1)</script>', preferredName: '=HYPERLINK("x")' },
		incident: { place: 'Łódź corridor' }
	});
	const [row] = await db().select({ v: t.referral.version }).from(t.referral).where(eq(t.referral.id, referralId));
	await submitReferral(dsl, referralId, row?.v ?? 0);
});
afterAll(() => close());

describe('the referral summary PDF', () => {
	it('holds the referral as typed, including accents and hostile text rendered as plain text', async () => {
		const pdf = await referralSummaryPdf(world.services[0].schools[0].actors.dsl, referralId);
		expect(pdf).not.toBeNull();
		const { text, info } = await pdfText(pdf?.bytes ?? new Uint8Array());
		expect(info.Title).toMatch(/^Referral summary/);
		expect(text).toContain('Zoë');
		expect(text).toContain('<script>alert(1)</script>');
		expect(text).toContain('Łódź corridor');
		expect(text).toContain('Test School 1.1');
		expect(text).toContain('Immediate safety check');
		expect(text).toContain('Consent to share progress with the school');
	});

	it('is audited for every download', async () => {
		const rows = await db()
			.select()
			.from(t.auditEvent)
			.where(and(eq(t.auditEvent.action, 'referral.pdf-downloaded'), eq(t.auditEvent.recordId, referralId)));
		expect(rows).toHaveLength(1);
	});

	it('is not available to another school, another service, or a governor', async () => {
		expect(await referralSummaryPdf(world.services[0].schools[1].actors.dsl, referralId)).toBeNull();
		expect(await referralSummaryPdf(world.services[1].actors.youth_worker, referralId)).toBeNull();
		expect(await referralSummaryPdf(world.services[0].schools[0].actors.governor, referralId)).toBeNull();
	});
});
