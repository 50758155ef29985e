import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, t } from '$lib/server/db';
import { currentModuleSet, moduleSetById, saveModuleSet } from '$lib/server/settings/modules';
import { useTestDatabase } from '../helpers/database';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

const titles = (set: { modules: { title: string; core: boolean }[] } | null) => set?.modules.map((m) => `${m.title}${m.core ? '*' : ''}`);

describe('programme modules', () => {
	it('starts with the three default core modules', async () => {
		expect(titles(await currentModuleSet(db(), world.services[0].id))).toEqual([
			'Drug-specific harm reduction advice*',
			'Economic and lifestyle impact of drug use*',
			'Tailored individual advice and support*'
		]);
	});

	it('saves a change as a new set and leaves the set older cases started with untouched', async () => {
		const service = world.services[0];
		const admin = service.actors.provider_admin;
		const before = await currentModuleSet(db(), service.id);
		if (!before) throw new Error('no module set');
		const result = await saveModuleSet(
			admin,
			[
				{ title: 'Economic and lifestyle impact of drug use', core: true },
				{ title: '  Drug-specific harm reduction advice ', core: true },
				{ title: 'Vaping and nitrous oxide', core: false }
			],
			before.id
		);
		expect(result).toEqual({ ok: true });
		const after = await currentModuleSet(db(), service.id);
		expect(after?.id).not.toBe(before.id);
		expect(titles(after)).toEqual(['Economic and lifestyle impact of drug use*', 'Drug-specific harm reduction advice*', 'Vaping and nitrous oxide']);
		expect(after?.modules.map((m) => m.position)).toEqual([0, 1, 2]);
		expect(await moduleSetById(db(), service.id, before.id)).toEqual(before);
		const [audit] = await db()
			.select()
			.from(t.auditEvent)
			.where(and(eq(t.auditEvent.serviceId, service.id), eq(t.auditEvent.recordType, 'module_set')));
		expect(audit).toMatchObject({ action: 'settings.changed', recordId: after?.id, actorUserId: admin.userId });
		expect(JSON.parse(audit?.detail ?? '{}')).toEqual({ key: 'modules', modules: 3, core: 2 });
	});

	it('refuses a save made from a set that is no longer current', async () => {
		const service = world.services[0];
		const admin = service.actors.provider_admin;
		const current = await currentModuleSet(db(), service.id);
		if (!current) throw new Error('no module set');
		expect(await saveModuleSet(admin, [{ title: 'First', core: true }], current.id)).toEqual({ ok: true });
		const refused = await saveModuleSet(admin, [{ title: 'Second', core: true }], current.id);
		expect(refused).toMatchObject({ ok: false, reason: 'stale', messages: [expect.stringMatching(/Someone else changed the modules/)] });
		expect(titles(await currentModuleSet(db(), service.id))).toEqual(['First*']);
	});

	it('needs at least one core module and a title for each', async () => {
		const service = world.services[1];
		const current = await currentModuleSet(db(), service.id);
		const admin = service.actors.provider_admin;
		expect(await saveModuleSet(admin, [{ title: 'Optional only', core: false }], current?.id ?? '')).toEqual({ ok: false, reason: 'invalid', messages: ['Select at least one core module'] });
		expect(await saveModuleSet(admin, [{ title: ' ', core: true }], current?.id ?? '')).toEqual({ ok: false, reason: 'invalid', messages: ['Enter a title for module 1'] });
		expect(await saveModuleSet(admin, [], current?.id ?? '')).toMatchObject({ ok: false, reason: 'invalid' });
		expect((await currentModuleSet(db(), service.id))?.id).toBe(current?.id);
	});

	it('keeps each service’s modules to itself', async () => {
		const [one, two] = world.services;
		const oneSet = await currentModuleSet(db(), one.id);
		expect(await moduleSetById(db(), two.id, oneSet?.id ?? '')).toBeNull();
		expect(titles(await currentModuleSet(db(), two.id))).toHaveLength(3);
		const refused = await saveModuleSet(two.actors.provider_admin, [{ title: 'Cross-service', core: true }], oneSet?.id ?? '');
		expect(refused).toMatchObject({ ok: false, reason: 'stale' });
	});
});
