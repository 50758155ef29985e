DROP INDEX `case_timer_due`;--> statement-breakpoint
CREATE INDEX `case_timer_open` ON `case_timer` (`service_id`,`met_at`,`stopped_at`,`due_at`,`id`);