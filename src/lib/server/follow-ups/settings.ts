import type { Queryable } from '../db';
import { workingDayCalendar } from '../settings/calendar';
import { getSetting } from '../settings/settings';
import type { FollowUpSettings } from './dates';

export interface ServiceCalendar {
	settings: FollowUpSettings;
	holidays: ReadonlySet<string>;
}

/** A service's follow-up settings and bank holidays, read once per service per run. */
export function serviceCalendars(q: Queryable): (serviceId: string) => Promise<ServiceCalendar> {
	const cache = new Map<string, ServiceCalendar>();
	return async (serviceId) => {
		const known = cache.get(serviceId);
		if (known) return known;
		const slas = await getSetting(q, serviceId, 'slas');
		const followUp = await getSetting(q, serviceId, 'followUp');
		const calendar: ServiceCalendar = {
			settings: {
				followUpMonths: slas.followUpMonths,
				chaseWorkingDays: slas.followUpChaseWorkingDays,
				notReturnedWorkingDays: followUp.notReturnedWorkingDays,
				twelveMonths: followUp.twelveMonths
			},
			holidays: new Set(await workingDayCalendar(q, serviceId))
		};
		cache.set(serviceId, calendar);
		return calendar;
	};
}
