/**
 * A subject access export (DOMAIN.md §7; SECURITY.md 24): everything held about one young person, as
 * labelled text, the same for the JSON file and the PDF. Each part is a list of entries (one
 * escalation, one chronology entry), each entry a list of label/value fields.
 */
export interface Field {
	label: string;
	value: string;
}

export interface Part {
	title: string;
	entries: Field[][];
}

export interface ReferralRecord {
	reference: string;
	school: string;
	parts: Part[];
}

export interface SubjectAccessRecord {
	title: string;
	generatedAt: string;
	generatedBy: string;
	service: string;
	about: string[];
	youngPerson: Field[];
	referrals: ReferralRecord[];
	audit: Part;
}
