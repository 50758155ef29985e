import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/server/auth/actor';
import { db, t } from '$lib/server/db';
import { addDays, londonDate } from '$lib/server/demo/clock';
import { issueCertificate } from '$lib/server/certificates/issue';
import { runFollowUps } from '$lib/server/follow-ups/job';
import { insertUser } from '$lib/server/tenancy/provision';
import { newId } from '$lib/server/util/ids';
import { acceptedCase, submittedCase } from '../case';
import { completeDraft } from '../referral';
import type { World } from '../world';
import { completedCase, dueForReviewCase, escalationCase, inProgrammeCase, matchedCase, notSuitableCase, onHoldCase, onwardCase, reviewCase, sessionWith, taggedAnswers, type CaseSchool } from './cases';
import type { Target } from './expect';

/**
 * The records each route reaches, built on demand for each target school: the actor's own school
 * (`own`), the other school of the same service (`school2`) and a school of the other service
 * (`service2`). Refused requests share one record per kind and school; a request that is allowed to
 * change something gets a fresh one, so no case depends on the order the matrix runs in.
 */
export type RecordKind =
	| 'school'
	| 'user'
	| 'draft'
	| 'submitted'
	| 'onHold'
	| 'accepted'
	| 'inProgramme'
	| 'review'
	| 'completed'
	| 'certified'
	| 'followUpDue'
	| 'notSuitable'
	| 'escalation'
	| 'onward'
	| 'session'
	| 'match'
	| 'dueForReview';

/** Ids of what was built: `id` is the referral; the others name what the route's params need. */
export type Built = Readonly<Record<string, string>>;

/** The canary tag of each school: [service][school]. A tag in an answer names the school it came from. */
export const TAGS = [
	['Zorquist', 'Vantrell'],
	['Quennick', 'Moxhaven']
] as const;

export interface MatrixSchool extends CaseSchool {
	id: string;
	serviceId: string;
	admin: Actor;
}

export function matrixSchools(world: World): Record<Exclude<Target, 'none'>, MatrixSchool> {
	const school = (s: 0 | 1, n: 0 | 1): MatrixSchool => {
		const service = world.services[s];
		const at = service.schools[n];
		return { id: at.id, serviceId: service.id, tag: TAGS[s][n], dsl: at.actors.dsl, youthWorker: service.actors.youth_worker, admin: service.actors.provider_admin };
	};
	return { own: school(0, 0), school2: school(0, 1), service2: school(1, 0) };
}

const SIX_MONTHS_AND_A_BIT = -195;

export class MatrixRecords {
	private readonly cache = new Map<string, Promise<Built>>();
	private serial = 0;
	readonly schools: Record<Exclude<Target, 'none'>, MatrixSchool>;

	constructor(world: World) {
		this.schools = matrixSchools(world);
	}

	/** The one record of a kind at the target's school that refused requests reach. */
	shared(kind: RecordKind, target: Target): Promise<Built> {
		if (kind === 'school') return Promise.resolve(this.base(target));
		const key = `${kind}:${target}`;
		let built = this.cache.get(key);
		if (!built) {
			built = this.fresh(kind, target);
			this.cache.set(key, built);
		}
		return built;
	}

	/** A new record of a kind at the target's school. */
	async fresh(kind: RecordKind, target: Target): Promise<Built> {
		const s = this.schools[target === 'none' ? 'own' : target];
		const n = ++this.serial;
		const day = (n % 27) + 1;
		return { ...this.base(target), ...(await this.build(kind, target, s, n, day)) };
	}

	/** What every record carries: its school, service, canary tag and the service's youth worker. */
	base(target: Target): Built {
		const s = this.schools[target === 'none' ? 'own' : target];
		return { schoolId: s.id, serviceId: s.serviceId, tag: s.tag, youthWorkerId: s.youthWorker.userId };
	}

	private async build(kind: RecordKind, target: Target, s: MatrixSchool, n: number, day: number): Promise<Record<string, string>> {
		switch (kind) {
			case 'school':
				return { schoolId: await this.newSchool(s, n) };
			case 'user':
				return { userId: await db().transaction((tx) => insertUser(tx, { email: `matrix.${n}@test.example`, displayName: `Matrix user ${n}`, role: 'dsl', serviceId: s.serviceId, schoolId: s.id })) };
			case 'draft': {
				const id = await completeDraft(s.dsl, taggedAnswers(s.tag, day));
				// Each section's version, e.g. `pupilVersion`: what its page's form posts back.
				const sections = await db().select({ section: t.referralSection.section, version: t.referralSection.version }).from(t.referralSection).where(eq(t.referralSection.referralId, id));
				return { id, ...Object.fromEntries(sections.map((s) => [`${s.section}Version`, String(s.version)])) };
			}
			case 'submitted':
				return { id: await submittedCase(s.dsl, taggedAnswers(s.tag, day)) };
			case 'onHold':
				return { id: await onHoldCase(s, day) };
			case 'accepted':
				return { id: await acceptedCase(s.dsl, s.youthWorker, taggedAnswers(s.tag, day)) };
			case 'inProgramme':
				return { id: await inProgrammeCase(s, day) };
			case 'review':
				return reviewCase(s, day);
			case 'completed':
				return { id: await completedCase(s, day) };
			case 'certified': {
				const id = await completedCase(s, day);
				const issued = await issueCertificate(s.youthWorker, id, `${s.tag}ie`);
				if (!issued.ok) throw new Error('matrix fixture: certificate refused');
				// The session its programme ran in: its certificates download as one ZIP.
				const [attended] = await db().select({ sessionId: t.supportSessionAttendee.sessionId }).from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.referralId, id));
				return { id, code: issued.code, sessionId: attended?.sessionId ?? '' };
			}
			case 'followUpDue': {
				const id = await completedCase(s, day, addDays(londonDate(new Date()), SIX_MONTHS_AND_A_BIT));
				await runFollowUps(db(), new Date());
				return { id, months: '6' };
			}
			case 'notSuitable':
				return notSuitableCase(s, day);
			case 'escalation':
				return escalationCase(s, day);
			case 'onward':
				return onwardCase(s, day);
			case 'match':
				return matchedCase(s, day);
			case 'dueForReview':
				return { id: await dueForReviewCase(s, day) };
			case 'session':
				return this.session(target, s, day);
		}
	}

	/**
	 * A group session of the target's service holding the target school's young person; the own
	 * school's session also holds one from the other school, which the own school must never see.
	 */
	private async session(target: Target, s: MatrixSchool, day: number): Promise<Record<string, string>> {
		const id = await acceptedCase(s.dsl, s.youthWorker, taggedAnswers(s.tag, day));
		const members = [id];
		if (target === 'own') {
			const other = this.schools.school2;
			members.push(await acceptedCase(other.dsl, other.youthWorker, taggedAnswers(other.tag, day)));
		}
		const sessionId = await sessionWith(s.youthWorker, members, 7, [0]);
		const held = await db().select({ id: t.supportSessionAttendee.id, referralId: t.supportSessionAttendee.referralId, version: t.supportSessionAttendee.version }).from(t.supportSessionAttendee).where(eq(t.supportSessionAttendee.sessionId, sessionId));
		const attendee = held.find((a) => a.referralId === id);
		// One more of the school's young people, ready to be added to the session.
		const spare = await acceptedCase(s.dsl, s.youthWorker, taggedAnswers(s.tag, day));
		// The register's rows, "id:version" apart by commas.
		return { id, sessionId, attendeeId: attendee?.id ?? '', attendees: held.map((a) => `${a.id}:${a.version}`).join(','), spare };
	}

	private async newSchool(s: MatrixSchool, n: number): Promise<string> {
		const id = newId();
		await db()
			.insert(t.school)
			.values({ id, serviceId: s.serviceId, name: `Matrix School ${n}`, urn: String(800000 + n), type: 'Academy', phase: 'Secondary', localAuthority: 'Test Borough', active: true, createdAt: new Date() });
		return id;
	}
}
