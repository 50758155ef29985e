/**
 * The access matrix runs in one test file per area, so each stays quick and a failure says where.
 * Every route id belongs to exactly one area (tests/unit/access-matrix-coverage.test.ts).
 */
const PROGRAMME = /^\/\(app\)\/referrals\/\[id\]\/(assessment|onward|review|outcome|certificate|certificate\.pdf|follow-up)(\/|$)/;

export const MATRIX_AREAS = {
	referrals: (id: string) => id.startsWith('/(app)/referrals') && !PROGRAMME.test(id),
	programme: (id: string) => PROGRAMME.test(id) || id.startsWith('/(app)/sessions'),
	admin: (id: string) => id.startsWith('/(app)/admin'),
	'lists-reports-and-public': (id: string) => !id.startsWith('/(app)/referrals') && !id.startsWith('/(app)/sessions') && !id.startsWith('/(app)/admin')
} as const satisfies Record<string, (id: string) => boolean>;

export type MatrixArea = keyof typeof MATRIX_AREAS;
