CREATE TABLE `assessment` (
	`id` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`answers` text DEFAULT '{}' NOT NULL,
	`risk_summary` text,
	`suitability` text,
	`planned_onward_referrals` text,
	`new_risks` integer DEFAULT false NOT NULL,
	`new_risks_note` text,
	`completed_at` integer,
	`completed_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_referral` ON `assessment` (`referral_id`);--> statement-breakpoint
CREATE TABLE `case_outcome` (
	`id` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`proposed` text NOT NULL,
	`outcome` text NOT NULL,
	`override_reason` text,
	`outcome_on` text NOT NULL,
	`recorded_at` integer NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_outcome_referral` ON `case_outcome` (`referral_id`);--> statement-breakpoint
CREATE INDEX `case_outcome_service_date` ON `case_outcome` (`service_id`,`outcome_on`);--> statement-breakpoint
CREATE TABLE `case_review` (
	`id` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`reason` text NOT NULL,
	`raised_at` integer NOT NULL,
	`decision` text,
	`note` text,
	`decided_at` integer,
	`decided_by` text,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_review_referral` ON `case_review` (`referral_id`);--> statement-breakpoint
CREATE INDEX `case_review_service_open` ON `case_review` (`service_id`,`decided_at`);--> statement-breakpoint
CREATE TABLE `certificate` (
	`id` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`verification_code` text NOT NULL,
	`name` text NOT NULL,
	`initials` text NOT NULL,
	`completed_on` text NOT NULL,
	`pdf` blob NOT NULL,
	`sha256` text NOT NULL,
	`issued_at` integer NOT NULL,
	`issued_by` text NOT NULL,
	`revoked_at` integer,
	`revoked_by` text,
	`revoked_reason` text,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificate_code` ON `certificate` (`verification_code`);--> statement-breakpoint
CREATE INDEX `certificate_referral` ON `certificate` (`referral_id`);--> statement-breakpoint
CREATE TABLE `follow_up` (
	`id` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`months` integer NOT NULL,
	`due_on` text NOT NULL,
	`due_at` integer NOT NULL,
	`prompted_at` integer,
	`chase_at` integer,
	`chased_at` integer,
	`close_at` integer,
	`not_returned_at` integer,
	`further_drug_incident` text,
	`suspension` text,
	`suspension_drug_related` text,
	`exclusion` text,
	`exclusion_drug_related` text,
	`police_contact` text,
	`provider_police_contact` text,
	`provider_police_note` text,
	`onward_take_up` text,
	`note` text,
	`recorded_at` integer,
	`recorded_by` text,
	`recorded_by_role` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_up_key` ON `follow_up` (`referral_id`,`months`);--> statement-breakpoint
CREATE INDEX `follow_up_service_open` ON `follow_up` (`service_id`,`recorded_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `follow_up_school_open` ON `follow_up` (`school_id`,`recorded_at`,`due_at`);--> statement-breakpoint
CREATE TABLE `goal` (
	`id` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`achievement` text,
	`rated_at` integer,
	`rated_by` text,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `goal_position` ON `goal` (`referral_id`,`position`);--> statement-breakpoint
CREATE TABLE `onward_referral` (
	`id` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`to_service` text NOT NULL,
	`referred_on` text NOT NULL,
	`accepted` text NOT NULL,
	`taken_up` text NOT NULL,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `onward_referral_referral` ON `onward_referral` (`referral_id`);--> statement-breakpoint
CREATE TABLE `support_session` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`start_time` text NOT NULL,
	`starts_at` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`mode` text NOT NULL,
	`place` text,
	`link` text,
	`facilitator_id` text,
	`cancelled_at` integer,
	`cancelled_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `support_session_service_time` ON `support_session` (`service_id`,`starts_at`,`id`);--> statement-breakpoint
CREATE TABLE `support_session_attendee` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`attendance` text,
	`note` text,
	`recorded_at` integer,
	`recorded_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`added_at` integer NOT NULL,
	`added_by` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `support_session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `support_session_attendee_key` ON `support_session_attendee` (`session_id`,`referral_id`);--> statement-breakpoint
CREATE INDEX `support_session_attendee_referral` ON `support_session_attendee` (`referral_id`);--> statement-breakpoint
CREATE INDEX `support_session_attendee_school` ON `support_session_attendee` (`school_id`,`session_id`);--> statement-breakpoint
CREATE TABLE `support_session_module` (
	`session_id` text NOT NULL,
	`module_id` text NOT NULL,
	PRIMARY KEY(`session_id`, `module_id`),
	FOREIGN KEY (`session_id`) REFERENCES `support_session`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `referral` ADD `module_set_id` text;