DROP INDEX `follow_up_school_open`;--> statement-breakpoint
CREATE INDEX `follow_up_school_open` ON `follow_up` (`school_id`,`recorded_at`,`not_returned_at`,`due_at`,`id`);