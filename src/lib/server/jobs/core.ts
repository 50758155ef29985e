import { registerOverdueAlerts } from '../escalations/overdue';
import { registerFollowUpJob } from '../follow-ups/job';
import { registerHousekeeping } from './housekeeping';
import { registerStatisticsRefresh } from '../statistics/job';

/**
 * The app's scheduled jobs, registered when the worker starts. Add each new recurring job here
 * (see the comment at the top of outbox/jobs.ts).
 */
export function registerCoreJobs(): void {
	registerHousekeeping();
	registerOverdueAlerts();
	registerStatisticsRefresh();
	registerFollowUpJob();
}
