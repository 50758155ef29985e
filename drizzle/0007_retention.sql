ALTER TABLE `referral` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `referral` ADD `retention_review_on` text;--> statement-breakpoint
ALTER TABLE `referral` ADD `retention_basis` text;--> statement-breakpoint
ALTER TABLE `referral` ADD `retention_note` text;--> statement-breakpoint
ALTER TABLE `referral` ADD `legal_hold_reason` text;--> statement-breakpoint
ALTER TABLE `referral` ADD `legal_hold_by` text;--> statement-breakpoint
ALTER TABLE `referral` ADD `legal_hold_at` integer;--> statement-breakpoint
CREATE INDEX `referral_service_forename` ON `referral` (`service_id`,`forename_key`);--> statement-breakpoint
CREATE INDEX `referral_retention_review` ON `referral` (`service_id`,`retention_review_on`,`id`);--> statement-breakpoint
CREATE INDEX `referral_legal_hold` ON `referral` (`service_id`,`legal_hold`,`id`);--> statement-breakpoint
-- Cases closed before retention was recorded: the closure time from the chronology, then the review
-- date by the rule in src/lib/server/retention/dates.ts with the setting's default of 3 years (no
-- service can have set it yet). The hour added makes the UTC date the London date or the day after,
-- never the day before: a review is never earlier than the rule says.
UPDATE `referral` SET `closed_at` = (
	SELECT max(`at`) FROM `case_event` WHERE `case_event`.`referral_id` = `referral`.`id` AND `case_event`.`to_state` = 'closed'
) WHERE `state` = 'closed' AND `closed_at` IS NULL;--> statement-breakpoint
UPDATE `referral` SET
	`retention_basis` = CASE WHEN `child_protection` = 1 THEN 'child_protection' ELSE 'diversion' END,
	`retention_review_on` = CASE
		WHEN `child_protection` = 1 AND `date_of_birth` IS NOT NULL
			THEN max(date(`date_of_birth`, '+25 years'), date(`closed_at` / 1000 + 3600, 'unixepoch', '+3 years'))
		ELSE date(`closed_at` / 1000 + 3600, 'unixepoch', '+3 years')
	END
WHERE `closed_at` IS NOT NULL AND `retention_review_on` IS NULL;
