import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { caseModuleSet } from '$lib/server/programme/module-set';
import { currentModuleSet, saveModuleSet } from '$lib/server/settings/modules';
import { useTestDatabase } from '../helpers/database';
import { acceptedCase, caseRow, submittedCase } from '../helpers/case';
import { seedWorld, type World } from '../helpers/world';

let close: () => Promise<void>;
let world: World;
beforeAll(async () => {
	({ close } = await useTestDatabase());
	world = await seedWorld();
});
afterAll(() => close());

describe('a case keeps the module set it started with', () => {
	it('pins the current set when the case is accepted and keeps it after the modules change', async () => {
		const service = world.services[0];
		const dsl = service.schools[0].actors.dsl;
		const before = await currentModuleSet(db(), service.id);
		expect((await caseRow(await submittedCase(dsl))).moduleSetId).toBeNull();
		const id = await acceptedCase(dsl, service.actors.youth_worker);
		expect((await caseRow(id)).moduleSetId).toBe(before?.id);

		const changed = await saveModuleSet(service.actors.provider_admin, [{ title: 'Only one module now', core: true }], before?.id ?? '');
		expect(changed.ok).toBe(true);
		const after = await currentModuleSet(db(), service.id);
		expect(after?.id).not.toBe(before?.id);

		const kept = await caseModuleSet(db(), await caseRow(id));
		expect(kept?.id).toBe(before?.id);
		expect(kept?.modules.map((m) => m.title)).toEqual(before?.modules.map((m) => m.title));
		const later = await acceptedCase(dsl, service.actors.youth_worker);
		expect((await caseRow(later)).moduleSetId).toBe(after?.id);
	});
});
