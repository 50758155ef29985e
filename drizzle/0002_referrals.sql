CREATE TABLE `case_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` text,
	`actor_role` text,
	`kind` text NOT NULL,
	`from_state` text,
	`to_state` text,
	`section` text,
	`reason` text,
	`school_visible` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_event_referral` ON `case_event` (`referral_id`,`id`);--> statement-breakpoint
CREATE TABLE `case_timer` (
	`id` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`kind` text NOT NULL,
	`started_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`met_at` integer,
	`stopped_at` integer,
	`alerted_at` integer,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_timer_due` ON `case_timer` (`service_id`,`met_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `case_timer_referral` ON `case_timer` (`referral_id`,`kind`);--> statement-breakpoint
CREATE TABLE `consent` (
	`id` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`kind` text NOT NULL,
	`given` integer NOT NULL,
	`given_by` text,
	`method` text,
	`given_on` text,
	`withdrawn_at` integer,
	`withdrawn_by` text,
	`withdrawn_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consent_referral_kind` ON `consent` (`referral_id`,`kind`);--> statement-breakpoint
CREATE TABLE `match_proposal` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`referral_id` text NOT NULL,
	`matched_referral_id` text NOT NULL,
	`basis` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`matched_referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `match_pair` ON `match_proposal` (`referral_id`,`matched_referral_id`);--> statement-breakpoint
CREATE INDEX `match_service_status` ON `match_proposal` (`service_id`,`status`);--> statement-breakpoint
CREATE TABLE `referral` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`state` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	`submitted_by` text,
	`triage_started_at` integer,
	`display_name` text DEFAULT '' NOT NULL,
	`forename_key` text DEFAULT '' NOT NULL,
	`surname_key` text DEFAULT '' NOT NULL,
	`date_of_birth` text,
	`upn` text,
	`year_group` text,
	`sex` text,
	`ethnicity` text,
	`sen` text,
	`fsm` integer,
	`looked_after` integer,
	`social_worker` text,
	`incident_date` text,
	`decision` text,
	`review_flag` integer DEFAULT false NOT NULL,
	`child_protection` integer DEFAULT false NOT NULL,
	`legal_hold` integer DEFAULT false NOT NULL,
	`young_person_id` text,
	`lead_youth_worker_id` text,
	`withdrawn_reason` text,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `school`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referral_school_list` ON `referral` (`school_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `referral_school_state` ON `referral` (`school_id`,`state`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `referral_school_forename` ON `referral` (`school_id`,`forename_key`);--> statement-breakpoint
CREATE INDEX `referral_school_surname` ON `referral` (`school_id`,`surname_key`);--> statement-breakpoint
CREATE INDEX `referral_service_state` ON `referral` (`service_id`,`state`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `referral_service_match` ON `referral` (`service_id`,`surname_key`,`date_of_birth`);--> statement-breakpoint
CREATE INDEX `referral_young_person` ON `referral` (`young_person_id`);--> statement-breakpoint
CREATE TABLE `referral_section` (
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`section` text NOT NULL,
	`data` text NOT NULL,
	`complete` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	`audited_session_id` text,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `referral_section_key` ON `referral_section` (`referral_id`,`section`);--> statement-breakpoint
CREATE TABLE `young_person` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action
);
