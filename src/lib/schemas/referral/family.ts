import { z } from 'zod';
import { choice, optional } from '../fields';
import { CONTACT_SLOTS } from '$lib/referral-options';

export { CONTACT_SLOTS };

const YES_NO = ['yes', 'no'] as const;

function contactFields<N extends 1 | 2 | 3>(n: N) {
	return {
		[`contact${n}Name`]: optional(100, 'Name'),
		[`contact${n}Relationship`]: optional(60, 'Relationship'),
		[`contact${n}Phone`]: optional(30, 'Phone number'),
		[`contact${n}Email`]: optional(254, 'Email address'),
		[`contact${n}Responsibility`]: choice(YES_NO)
	} as { [K in `contact${N}${'Name' | 'Relationship' | 'Phone' | 'Email'}`]: ReturnType<typeof optional> } & {
		[K in `contact${N}Responsibility`]: ReturnType<typeof choice<typeof YES_NO>>;
	};
}

/** Parent and carer contacts and who holds parental responsibility. The first is required. */
export const familySchema = z
	.object({
		...contactFields(1),
		...contactFields(2),
		...contactFields(3)
	})
	.superRefine((v, ctx) => {
		const value = (key: string) => String((v as Record<string, unknown>)[key] ?? '');
		const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
		for (const n of CONTACT_SLOTS) {
			const name = value(`contact${n}Name`);
			const used = ['Name', 'Relationship', 'Phone', 'Email', 'Responsibility'].some((f) => value(`contact${n}${f}`));
			if (n > 1 && !used) continue;
			const who = n === 1 ? 'the parent or carer' : `parent or carer ${n}`;
			if (!name) need(`contact${n}Name`, `Enter the name of ${who}`);
			if (!value(`contact${n}Relationship`)) need(`contact${n}Relationship`, `Enter how ${who} is related to the pupil, like mother or foster carer`);
			const phone = value(`contact${n}Phone`);
			const email = value(`contact${n}Email`);
			if (!phone && !email) need(`contact${n}Phone`, `Enter a phone number or email address for ${who}`);
			if (phone && !/^[\d\s+()-]{7,30}$/.test(phone)) need(`contact${n}Phone`, 'Enter a phone number, like 01632 960 001');
			if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) need(`contact${n}Email`, 'Enter an email address in the correct format, like name@example.org');
			if (!value(`contact${n}Responsibility`)) need(`contact${n}Responsibility`, `Select yes if ${who} has parental responsibility`);
		}
	});

export type FamilyAnswers = z.infer<typeof familySchema>;

export interface Contact {
	name: string;
	relationship: string;
	phone: string;
	email: string;
	parentalResponsibility: boolean;
}

export function contactsOf(v: Record<string, unknown>): Contact[] {
	const value = (key: string) => String(v[key] ?? '');
	return CONTACT_SLOTS.map((n) => ({
		name: value(`contact${n}Name`),
		relationship: value(`contact${n}Relationship`),
		phone: value(`contact${n}Phone`),
		email: value(`contact${n}Email`),
		parentalResponsibility: value(`contact${n}Responsibility`) === 'yes'
	})).filter((c) => c.name);
}
