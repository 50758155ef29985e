import { ROLES, isSchoolRole, type Role } from '$lib/roles';
import type { Actor } from '$lib/server/auth/actor';
import { db, t } from '$lib/server/db';
import { seedServiceDefaults } from '$lib/server/settings/defaults';
import { insertUser } from '$lib/server/tenancy/provision';
import { newId } from '$lib/server/util/ids';

export interface TestSchool {
	id: string;
	name: string;
	/** One actor per school role at this school. */
	actors: Record<'dsl' | 'deputy_dsl' | 'governor', Actor>;
}

export interface TestService {
	id: string;
	name: string;
	schools: [TestSchool, TestSchool];
	/** One actor per service-wide role. */
	actors: Record<'provider_admin' | 'youth_worker' | 'commissioner', Actor>;
}

export interface World {
	services: [TestService, TestService];
}

function actorFor(userId: string, role: Role, serviceId: string, schoolId: string | null): Actor {
	return {
		userId,
		role,
		serviceId,
		schoolId,
		senior: false,
		sessionId: `test-session-${userId}`,
		mfaVerifiedAt: new Date(),
		mfaEnrolled: true,
		address: '127.0.0.1'
	};
}

/** Two services with two schools each, and one user per role everywhere (the fixture rule). */
export async function seedWorld(): Promise<World> {
	const now = new Date();
	const services: TestService[] = [];
	await db().transaction(async (tx) => {
		for (const s of [1, 2]) {
			const serviceId = newId();
			await tx.insert(t.service).values({ id: serviceId, name: `Test Service ${s}`, createdAt: now });
			await seedServiceDefaults(tx, serviceId, now);
			const schools: TestSchool[] = [];
			for (const n of [1, 2]) {
				const schoolId = newId();
				const name = `Test School ${s}.${n}`;
				await tx.insert(t.school).values({
					id: schoolId,
					serviceId,
					name,
					urn: `9${s}${n}000`,
					type: 'Academy',
					phase: 'Secondary',
					localAuthority: `Test Borough ${s}`,
					active: true,
					createdAt: now
				});
				const actors = {} as TestSchool['actors'];
				for (const role of ROLES.filter(isSchoolRole) as ('dsl' | 'deputy_dsl' | 'governor')[]) {
					const userId = await insertUser(tx, { email: `${role}.${s}.${n}@test.example`, displayName: `${role} ${s}.${n}`, role, serviceId, schoolId }, now);
					actors[role] = actorFor(userId, role, serviceId, schoolId);
				}
				schools.push({ id: schoolId, name, actors });
			}
			const actors = {} as TestService['actors'];
			for (const role of ['provider_admin', 'youth_worker', 'commissioner'] as const) {
				const userId = await insertUser(tx, { email: `${role}.${s}@test.example`, displayName: `${role} ${s}`, role, serviceId, schoolId: null }, now);
				actors[role] = actorFor(userId, role, serviceId, null);
			}
			services.push({ id: serviceId, name: `Test Service ${s}`, schools: schools as [TestSchool, TestSchool], actors });
		}
	});
	return { services: services as [TestService, TestService] };
}
