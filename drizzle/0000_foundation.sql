CREATE TABLE `local_contact` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`local_authority` text NOT NULL,
	`mash_phone` text NOT NULL,
	`emergency_duty_phone` text NOT NULL,
	`police_non_emergency_phone` text NOT NULL,
	`yot_phone` text NOT NULL,
	`camhs_crisis_phone` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `local_contact_la` ON `local_contact` (`service_id`,`local_authority`);--> statement-breakpoint
CREATE TABLE `school` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`name` text NOT NULL,
	`urn` text NOT NULL,
	`type` text NOT NULL,
	`phase` text NOT NULL,
	`local_authority` text NOT NULL,
	`active` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `school_service_idx` ON `school` (`service_id`,`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `school_urn_idx` ON `school` (`service_id`,`urn`);--> statement-breakpoint
CREATE TABLE `school_roll` (
	`school_id` text NOT NULL,
	`service_id` text NOT NULL,
	`academic_year` integer NOT NULL,
	`characteristic` text NOT NULL,
	`group_code` text NOT NULL,
	`count` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `school`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `school_roll_key` ON `school_roll` (`school_id`,`academic_year`,`characteristic`,`group_code`);--> statement-breakpoint
CREATE TABLE `service` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `membership` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `school`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `membership_user` ON `membership` (`user_id`);--> statement-breakpoint
CREATE INDEX `membership_service` ON `membership` (`service_id`,`role`);--> statement-breakpoint
CREATE TABLE `recovery_code` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recovery_code_user` ON `recovery_code` (`user_id`);--> statement-breakpoint
CREATE TABLE `user` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text,
	`active` integer DEFAULT false NOT NULL,
	`senior` integer DEFAULT false NOT NULL,
	`totp_key` blob,
	`totp_pending_key` blob,
	`totp_enrolled_at` integer,
	`totp_last_step` integer,
	`password_changed_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_email_unique` ON `user` (`email`);--> statement-breakpoint
CREATE TABLE `auth_session` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`secret_hash` blob NOT NULL,
	`created_at` integer NOT NULL,
	`last_active_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`mfa_verified_at` integer,
	`address` text NOT NULL,
	`user_agent` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `auth_session_user` ON `auth_session` (`user_id`);--> statement-breakpoint
CREATE TABLE `auth_token` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `auth_token_tokenHash_unique` ON `auth_token` (`token_hash`);--> statement-breakpoint
CREATE INDEX `auth_token_user` ON `auth_token` (`user_id`);--> statement-breakpoint
CREATE TABLE `pending_form` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`path` text NOT NULL,
	`payload` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pending_form_user` ON `pending_form` (`user_id`);--> statement-breakpoint
CREATE TABLE `rate_limit` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` text,
	`actor_role` text,
	`service_id` text,
	`school_id` text,
	`action` text NOT NULL,
	`record_type` text,
	`record_id` text,
	`detail` text,
	`address` text
);
--> statement-breakpoint
CREATE INDEX `audit_service_at` ON `audit_event` (`service_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_actor` ON `audit_event` (`actor_user_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_record` ON `audit_event` (`record_type`,`record_id`,`id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`service_id` text,
	`payload` text NOT NULL,
	`dedupe_key` text,
	`status` text NOT NULL,
	`run_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`lease_owner` text,
	`lease_until` integer,
	`last_error` text,
	`done_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupeKey_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`run_at`);--> statement-breakpoint
CREATE TABLE `bank_holiday` (
	`service_id` text NOT NULL,
	`date` text NOT NULL,
	`name` text NOT NULL,
	PRIMARY KEY(`service_id`, `date`),
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `module_set` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `module_set_service` ON `module_set` (`service_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `programme_module` (
	`id` text PRIMARY KEY NOT NULL,
	`module_set_id` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`core` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`module_set_id`) REFERENCES `module_set`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programme_module_position` ON `programme_module` (`module_set_id`,`position`);--> statement-breakpoint
CREATE TABLE `setting` (
	`service_id` text NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer,
	`updated_by` text,
	PRIMARY KEY(`service_id`, `key`),
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `term_date` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`academic_year` integer NOT NULL,
	`term` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `term_date_key` ON `term_date` (`service_id`,`academic_year`,`term`);