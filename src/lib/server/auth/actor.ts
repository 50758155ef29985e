import type { Role } from '$lib/roles';

/** The signed-in person acting, as the guard hands it to domain functions. */
export interface Actor {
	userId: string;
	role: Role;
	serviceId: string;
	/** Set for school roles (DSL, deputy DSL, governor); null for service-wide roles. */
	schoolId: string | null;
	senior: boolean;
	sessionId: string;
	mfaVerifiedAt: Date | null;
	mfaEnrolled: boolean;
	/** The request's address, for the audit row. */
	address: string;
}
