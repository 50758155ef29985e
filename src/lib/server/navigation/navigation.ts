import type { Role } from '$lib/roles';

export interface NavItem {
	href: string;
	label: string;
}

/** Navigation per role. Later issues add their pages here. */
export function navigationFor(role: Role): NavItem[] {
	const home = { href: '/home', label: 'Home' };
	switch (role) {
		case 'provider_admin':
			return [
				home,
				{ href: '/admin/schools', label: 'Schools' },
				{ href: '/admin/users', label: 'Users' },
				{ href: '/admin/settings', label: 'Settings' },
				{ href: '/admin/audit', label: 'Audit log' },
				{ href: '/admin/retention', label: 'Retention' },
				{ href: '/admin/subject-access', label: 'Subject access' },
				{ href: '/countersign', label: 'Countersign' },
				{ href: '/follow-ups', label: 'Follow-ups' },
				{ href: '/reports/service', label: 'Reports' }
			];
		case 'youth_worker':
			return [home, { href: '/sessions', label: 'Sessions' }, { href: '/due', label: 'Due and overdue' }, { href: '/countersign', label: 'Countersign' }, { href: '/follow-ups', label: 'Follow-ups' }];
		case 'commissioner':
			return [home, { href: '/reports/service', label: 'Reports' }];
		case 'governor':
			return [home, { href: '/reports/school', label: 'Report' }];
		default:
			return [home];
	}
}
