import { certificateCheckSchema } from '$lib/schemas/outcome';
import { changePasswordSchema, codeSchema, forgottenPasswordSchema, newPasswordSchema, recoveryCodeSchema, signInSchema } from '$lib/schemas/auth';
import type { AuthContext } from '$lib/server/auth/context';
import { actions as signIn } from '../../../src/routes/(public)/sign-in/+page.server';
import { actions as forgotten } from '../../../src/routes/(public)/forgotten-password/+page.server';
import { actions as setPassword } from '../../../src/routes/(public)/set-password/[token]/+page.server';
import { actions as check } from '../../../src/routes/(public)/check/+page.server';
import { actions as mfa } from '../../../src/routes/(auth)/mfa/+page.server';
import { actions as mfaSetup } from '../../../src/routes/(auth)/mfa/setup/+page.server';
import { actions as stepUp } from '../../../src/routes/(auth)/step-up/+page.server';
import { actions as account } from '../../../src/routes/(app)/account/+page.server';
import { fieldsOf, signIn as session, type ActionSpec } from '../../helpers/hostile-run';
import type { HostileWorld } from '../../helpers/hostile-world';
import { s1 } from './fixtures';

/** The public forms, the MFA pages and the account page. Passwords are never stored as text, so only statuses count. */
export function authSpecs(w: () => HostileWorld): ActionSpec[] {
	const signedIn = (make: () => Promise<AuthContext>) => {
		let auth: AuthContext | null = null;
		return {
			as: () => {
				if (!auth) throw new Error('not signed in yet');
				return auth;
			},
			ready: async () => (auth ??= await make())
		};
	};
	const pending = signedIn(() => session(s1(w()).schools[1].actors.governor.userId, { verified: false }));
	const enrolling = signedIn(() => session(s1(w()).schools[1].actors.deputy_dsl.userId, { enrol: false, verified: false }));
	const owner = signedIn(() => session(s1(w()).schools[1].actors.dsl.userId));
	const simple = (route: string, action: string, handler: ActionSpec['handler'], fields: Record<string, number | null>, form: Record<string, string>, who: { as: () => AuthContext | null; ready?: () => Promise<unknown> }, params: Record<string, string> = {}, path = `/${route.replace(/\([^)]*\)\//, '')}`): ActionSpec => ({
		route,
		action,
		handler,
		as: who.as,
		fields,
		target: async () => {
			await who.ready?.();
			return { path, params, form };
		}
	});
	const nobody = { as: () => null };
	return [
		simple('(public)/sign-in', 'default', signIn.default, fieldsOf(signInSchema), { email: 'dsl.1.1@test.example', password: 'not the password at all' }, nobody),
		simple('(public)/forgotten-password', 'default', forgotten.default, fieldsOf(forgottenPasswordSchema), { email: 'dsl.1.1@test.example' }, nobody),
		simple('(public)/set-password/[token]', 'default', setPassword.default, fieldsOf(newPasswordSchema), { password: 'a long enough passphrase', confirm: 'a long enough passphrase' }, nobody, { token: 'no-such-link' }, '/set-password/no-such-link'),
		simple('(public)/check', 'default', check.default, fieldsOf(certificateCheckSchema), { code: '7K3M-Q9XD-2VHT' }, nobody),
		simple('(auth)/mfa', 'code', mfa.code, fieldsOf(codeSchema), { code: '123456' }, pending),
		simple('(auth)/mfa', 'recovery', mfa.recovery, fieldsOf(recoveryCodeSchema), { recoveryCode: 'ABCD-EFGH-JKLM' }, pending),
		simple('(auth)/mfa/setup', 'default', mfaSetup.default, fieldsOf(codeSchema), { code: '123456' }, enrolling),
		simple('(auth)/step-up', 'default', stepUp.default, fieldsOf(codeSchema), { code: '123456' }, { as: () => w().yw }),
		simple('(app)/account', 'password', account.password, fieldsOf(changePasswordSchema), { current: 'not my password', password: 'a new long passphrase', confirm: 'a new long passphrase' }, owner),
		simple('(app)/account', 'endSession', account.endSession, { session: 64 }, { session: 'no-such-session' }, owner),
		simple('(app)/account', 'endOtherSessions', account.endOtherSessions, {}, {}, owner),
		simple('(app)/account', 'codes', account.codes, {}, {}, owner)
	];
}
