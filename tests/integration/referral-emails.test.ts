import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, t } from '$lib/server/db';
import { createMailTransport, readMailConfig, type MailTransport } from '$lib/server/outbox/transport';
import { runWorkerOnce } from '$lib/server/outbox/worker';
import { submitReferral } from '$lib/server/referrals/submit';
import { withdrawReferral } from '$lib/server/referrals/withdraw';
import { useTestDatabase } from '../helpers/database';
import { completeDraft } from '../helpers/referral';
import { recipients, startSmtp } from '../helpers/smtp';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let transport: MailTransport;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
	smtp = await startSmtp();
	transport = createMailTransport(readMailConfig({ SMTP_URL: smtp.url }));
});
afterAll(async () => {
	transport.close();
	await smtp.close();
	await close();
});

const version = async (id: string) => (await db().select({ v: t.referral.version }).from(t.referral).where(eq(t.referral.id, id)))[0]?.v ?? 0;
const PUPIL_DETAILS = /Testy|Pupilson|cannabis|Science block|Test School|2012/;

describe('referral emails, through a real SMTP server', () => {
	it('tells the service’s youth workers of a new referral, with no pupil details', async () => {
		const dsl = world.services[0].schools[0].actors.dsl;
		const id = await completeDraft(dsl);
		await submitReferral(dsl, id, await version(id));
		await runWorkerOnce(db(), { owner: 'test', transport });
		const mail = smtp.received.find((m) => m.subject === 'A new referral needs triage');
		expect(mail && recipients(mail)).toBe('youth_worker.1@test.example');
		expect(mail?.text).toContain(`/referrals/${id}`);
		expect(`${mail?.subject} ${mail?.text}`).not.toMatch(PUPIL_DETAILS);
		expect(smtp.received.some((m) => recipients(m).includes('youth_worker.2@'))).toBe(false);
	});

	it('tells the school’s safeguarding leads when a youth worker changes their referral', async () => {
		const dsl = world.services[0].schools[1].actors.dsl;
		const id = await completeDraft(dsl);
		await submitReferral(dsl, id, await version(id));
		const before = smtp.received.length;
		await withdrawReferral(world.services[0].actors.youth_worker, id, 'Young person moved away', await version(id));
		await runWorkerOnce(db(), { owner: 'test', transport });
		const sent = smtp.received.slice(before).filter((m) => m.subject === 'A referral from your school has been updated');
		expect(sent.map(recipients).sort()).toEqual(['deputy_dsl.1.2@test.example', 'dsl.1.2@test.example']);
		for (const mail of sent) expect(`${mail.subject} ${mail.text}`).not.toMatch(PUPIL_DETAILS);
	});
});
