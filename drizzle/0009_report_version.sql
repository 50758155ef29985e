CREATE TABLE `report_version` (
	`service_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
