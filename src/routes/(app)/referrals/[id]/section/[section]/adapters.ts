import { zod4 } from 'sveltekit-superforms/adapters';
import type { ValidationAdapter } from 'sveltekit-superforms/adapters';
import { consentSchema } from '$lib/schemas/referral/consent';
import { decisionSchema } from '$lib/schemas/referral/decision';
import { familySchema } from '$lib/schemas/referral/family';
import { incidentSchema } from '$lib/schemas/referral/incident';
import { pupilSchema } from '$lib/schemas/referral/pupil';
import { safetySchema } from '$lib/schemas/referral/safety';
import type { SectionKey } from '$lib/schemas/referral/sections';

/** One superforms adapter per section, made once (schemas at module top level). */
export const ADAPTERS = {
	safety: zod4(safetySchema),
	pupil: zod4(pupilSchema),
	family: zod4(familySchema),
	incident: zod4(incidentSchema),
	decision: zod4(decisionSchema),
	consent: zod4(consentSchema)
} as unknown as Record<SectionKey, ValidationAdapter<Record<string, unknown>>>;
