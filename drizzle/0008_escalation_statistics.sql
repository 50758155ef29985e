CREATE TABLE `escalation_statistic` (
	`id` text PRIMARY KEY NOT NULL,
	`statistic_id` text NOT NULL,
	`service_id` text NOT NULL,
	`school_id` text NOT NULL,
	`submitted_on` text,
	`agency` text NOT NULL,
	`required` integer DEFAULT false NOT NULL,
	`status` text NOT NULL,
	`decided_on` text
);
--> statement-breakpoint
CREATE INDEX `escalation_statistic_service_submitted` ON `escalation_statistic` (`service_id`,`submitted_on`);--> statement-breakpoint
CREATE INDEX `escalation_statistic_statistic` ON `escalation_statistic` (`statistic_id`);--> statement-breakpoint
-- Existing sent escalations, from their referral's statistics row (as statistics/refresh.ts writes
-- them; the decision date here is UTC, and any later refresh of the case rewrites its rows in code).
INSERT INTO `escalation_statistic` (`id`, `statistic_id`, `service_id`, `school_id`, `submitted_on`, `agency`, `required`, `status`, `decided_on`)
SELECT lower(hex(randomblob(8))), r.`statistic_id`, e.`service_id`, e.`school_id`, s.`submitted_on`, e.`agency`, e.`required`,
	CASE WHEN e.`decision_at` IS NOT NULL THEN 'decided' WHEN e.`state` = 'withdrawn' THEN 'withdrawn' ELSE 'awaiting' END,
	CASE WHEN e.`decision_at` IS NOT NULL THEN date(e.`decision_at` / 1000, 'unixepoch') END
FROM `escalation` e JOIN `referral` r ON r.`id` = e.`referral_id` JOIN `referral_statistic` s ON s.`id` = r.`statistic_id`
WHERE e.`sent_at` IS NOT NULL;
