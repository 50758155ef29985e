import { z } from 'zod';
import { CAME_TO_LIGHT, ITEM_OUTCOMES, POLICE_OUTCOMES, SUBSTANCES, valuesOf } from '$lib/codes';
import { choice, dateParts, optional, readDate, todayIso } from '../fields';

const YES_NO = ['yes', 'no'] as const;

/** The incident as the school knows it. It never asks whether the pupil admits anything. */
export const incidentSchema = z
	.object({
		...dateParts('incident'),
		incidentTime: optional(5, 'Time'),
		place: optional(200, 'Where it happened'),
		cameToLight: choice(valuesOf(CAME_TO_LIGHT)),
		cameToLightDetail: optional(500, 'How it came to light'),
		substances: z.array(z.enum(valuesOf(SUBSTANCES))).max(SUBSTANCES.length).default([]),
		substanceOther: optional(100, 'Other substance'),
		substanceDescription: optional(300, 'Substance as described'),
		quantity: optional(200, 'Quantity'),
		itemOutcome: choice(valuesOf(ITEM_OUTCOMES)),
		itemPoliceReference: optional(50, 'Police reference for the item'),
		witness1: optional(100, 'First witness'),
		witness2: optional(100, 'Second witness'),
		policeInformed: choice(YES_NO),
		policeReference: optional(50, 'Police reference'),
		policeOfficer: optional(100, 'Officer'),
		policeOutcome: choice(valuesOf(POLICE_OUTCOMES))
	})
	.superRefine((v, ctx) => {
		const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
		const date = readDate('Date of the incident', String(v.incidentDay), String(v.incidentMonth), String(v.incidentYear));
		if (date.ok === 'empty') need('incidentDay', 'Enter the date of the incident');
		else if (date.ok === false) need('incidentDay', date.message);
		else if (date.iso > todayIso()) need('incidentDay', 'Date of the incident must be today or in the past');
		if (v.incidentTime && !/^([01]?\d|2[0-3]):[0-5]\d$/.test(v.incidentTime)) need('incidentTime', 'Enter the time in 24-hour format, like 14:30');
		if (!v.place) need('place', 'Enter where it happened, like “school toilets”');
		if (!v.cameToLight) need('cameToLight', 'Select how it came to light');
		if (v.cameToLight === 'other' && !v.cameToLightDetail) need('cameToLightDetail', 'Describe how it came to light');
		if (v.substances.length === 0) need('substances', 'Select the substance as described, or “Not known”');
		if (v.substances.includes('other') && !v.substanceOther) need('substanceOther', 'Enter the other substance as described');
		if (!v.quantity) need('quantity', 'Enter an estimate of the quantity, or “Not known”');
		if (!v.itemOutcome) need('itemOutcome', 'Select what happened to the item');
		if (v.itemOutcome === 'police' && !v.itemPoliceReference) need('itemPoliceReference', 'Enter the police reference for the item');
		if (v.itemOutcome === 'disposed') {
			if (!v.witness1) need('witness1', 'Enter the name of the first witness');
			if (!v.witness2) need('witness2', 'Enter the name of the second witness');
		}
		if (!v.policeInformed) need('policeInformed', 'Select yes if the police were told');
		if (v.policeInformed === 'yes' && !v.policeOutcome) need('policeOutcome', 'Select the police outcome, or “Not yet known”');
	});

export type IncidentAnswers = z.infer<typeof incidentSchema>;
