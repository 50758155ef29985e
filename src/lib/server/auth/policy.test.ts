import { describe, expect, it } from 'vitest';
import { ROLES } from '$lib/roles';
import { POLICY, scopeFor, type PolicyRow } from './policy';

const rows = Object.entries(POLICY) as [string, PolicyRow][];

describe('the policy table', () => {
	it('gives every row a note and either public access or at least one role', () => {
		for (const [action, row] of rows) {
			expect(row.note.length, action).toBeGreaterThan(3);
			expect(Boolean(row.public) !== Boolean(row.roles && Object.keys(row.roles).length > 0), action).toBe(true);
		}
	});

	it('names only real roles and scopes', () => {
		for (const [action, row] of rows) {
			for (const [role, scope] of Object.entries(row.roles ?? {})) {
				expect(ROLES, action).toContain(role);
				expect(['school', 'service', 'self'], action).toContain(scope);
			}
		}
	});

	it('keeps admin pages to provider admins', () => {
		for (const [action] of rows.filter(([a]) => a.startsWith('admin.'))) {
			for (const role of ROLES) {
				expect(scopeFor(action as keyof typeof POLICY, role) !== null, `${action} ${role}`).toBe(role === 'provider_admin');
			}
		}
	});

	it('asks for step-up on every export', () => {
		for (const [action, row] of rows.filter(([a]) => a.endsWith('.export'))) {
			expect(row.stepUp, action).toBe(true);
		}
	});

	it('gives a deputy DSL exactly the rights of a DSL', () => {
		for (const [action] of rows) {
			expect(scopeFor(action as keyof typeof POLICY, 'deputy_dsl'), action).toBe(scopeFor(action as keyof typeof POLICY, 'dsl'));
		}
	});
});
