-- Every write to what a report reads bumps its service's report_version (schema/statistics.ts, reports/kept.ts).
CREATE TRIGGER `referral_statistic_report_version_insert` AFTER INSERT ON `referral_statistic` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `referral_statistic_report_version_update` AFTER UPDATE ON `referral_statistic` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `referral_statistic_report_version_moved` AFTER UPDATE ON `referral_statistic` WHEN OLD.`service_id` IS NOT NEW.`service_id` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `referral_statistic_report_version_delete` AFTER DELETE ON `referral_statistic` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `escalation_statistic_report_version_insert` AFTER INSERT ON `escalation_statistic` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `escalation_statistic_report_version_update` AFTER UPDATE ON `escalation_statistic` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `escalation_statistic_report_version_moved` AFTER UPDATE ON `escalation_statistic` WHEN OLD.`service_id` IS NOT NEW.`service_id` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `escalation_statistic_report_version_delete` AFTER DELETE ON `escalation_statistic` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `setting_report_version_insert` AFTER INSERT ON `setting` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `setting_report_version_update` AFTER UPDATE ON `setting` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `setting_report_version_moved` AFTER UPDATE ON `setting` WHEN OLD.`service_id` IS NOT NEW.`service_id` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `setting_report_version_delete` AFTER DELETE ON `setting` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `term_date_report_version_insert` AFTER INSERT ON `term_date` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `term_date_report_version_update` AFTER UPDATE ON `term_date` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `term_date_report_version_moved` AFTER UPDATE ON `term_date` WHEN OLD.`service_id` IS NOT NEW.`service_id` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `term_date_report_version_delete` AFTER DELETE ON `term_date` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `bank_holiday_report_version_insert` AFTER INSERT ON `bank_holiday` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `bank_holiday_report_version_update` AFTER UPDATE ON `bank_holiday` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `bank_holiday_report_version_moved` AFTER UPDATE ON `bank_holiday` WHEN OLD.`service_id` IS NOT NEW.`service_id` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `bank_holiday_report_version_delete` AFTER DELETE ON `bank_holiday` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `school_report_version_insert` AFTER INSERT ON `school` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `school_report_version_update` AFTER UPDATE ON `school` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `school_report_version_moved` AFTER UPDATE ON `school` WHEN OLD.`service_id` IS NOT NEW.`service_id` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `school_report_version_delete` AFTER DELETE ON `school` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `school_roll_report_version_insert` AFTER INSERT ON `school_roll` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `school_roll_report_version_update` AFTER UPDATE ON `school_roll` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `school_roll_report_version_moved` AFTER UPDATE ON `school_roll` WHEN OLD.`service_id` IS NOT NEW.`service_id` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `school_roll_report_version_delete` AFTER DELETE ON `school_roll` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`service_id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `service_report_version_insert` AFTER INSERT ON `service` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `service_report_version_update` AFTER UPDATE ON `service` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (NEW.`id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `service_report_version_moved` AFTER UPDATE ON `service` WHEN OLD.`id` IS NOT NEW.`id` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `service_report_version_delete` AFTER DELETE ON `service` BEGIN INSERT INTO `report_version` (`service_id`, `version`) VALUES (OLD.`id`, 1) ON CONFLICT (`service_id`) DO UPDATE SET `version` = `version` + 1; END;
