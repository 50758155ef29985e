CREATE TABLE `countersign` (
	`id` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`kind` text NOT NULL,
	`agency` text,
	`rationale` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`countersigned_by` text,
	`countersigned_at` integer,
	`comment` text,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `countersign_service_open` ON `countersign` (`service_id`,`countersigned_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `countersign_referral` ON `countersign` (`referral_id`);--> statement-breakpoint
CREATE TABLE `escalation` (
	`id` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`agency` text NOT NULL,
	`state` text NOT NULL,
	`required` integer DEFAULT false NOT NULL,
	`method` text,
	`sent_at` integer,
	`reference` text,
	`lawful_basis` text,
	`acknowledged_at` integer,
	`decision` text,
	`decision_at` integer,
	`outcome` text,
	`next_action` text,
	`created_by` text NOT NULL,
	`created_by_role` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `escalation_referral` ON `escalation` (`referral_id`);--> statement-breakpoint
CREATE INDEX `escalation_service_state` ON `escalation` (`service_id`,`state`);--> statement-breakpoint
CREATE TABLE `triage` (
	`id` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`round` integer NOT NULL,
	`answers` text NOT NULL,
	`level_of_need` integer,
	`rag` text,
	`required_escalations` text DEFAULT '[]' NOT NULL,
	`suggested_rag` text,
	`lead_youth_worker_id` text,
	`decision` text,
	`not_suitable_reason` text,
	`redirected_to` text,
	`decided_at` integer,
	`decided_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `referral`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `triage_referral` ON `triage` (`referral_id`,`round`);--> statement-breakpoint
ALTER TABLE `case_timer` ADD `subject_id` text;--> statement-breakpoint
ALTER TABLE `referral` ADD `fallback_decision` text;--> statement-breakpoint
ALTER TABLE `referral` ADD `fallback_days` integer;--> statement-breakpoint
ALTER TABLE `referral` ADD `fallback_recorded_at` integer;--> statement-breakpoint
ALTER TABLE `referral` ADD `fallback_recorded_by` text;