import { z } from 'zod';

export const signInSchema = z.object({
	email: z.string().trim().min(1, 'Enter your email address').max(254, 'Email address must be 254 characters or fewer'),
	password: z.string().min(1, 'Enter your password').max(128, 'Password must be 128 characters or fewer')
});

export const codeSchema = z.object({
	code: z
		.string()
		.trim()
		.min(1, 'Enter the 6-digit code from your authenticator app')
		.max(12, 'Enter the 6-digit code from your authenticator app')
		.regex(/^\d{3}\s?\d{3}$/, 'The code must be 6 digits')
});

export const recoveryCodeSchema = z.object({
	recoveryCode: z.string().trim().min(1, 'Enter one of your recovery codes').max(20, 'Recovery codes are 12 characters long')
});

export const forgottenPasswordSchema = z.object({
	email: z.string().trim().min(1, 'Enter your email address').max(254, 'Email address must be 254 characters or fewer').email('Enter an email address in the correct format, like name@example.org')
});

/** Length rules are checked on the server with the common-password list (SECURITY.md 7). */
export const newPasswordSchema = z
	.object({
		password: z.string().min(1, 'Enter a new password').max(128, 'Password must be 128 characters or fewer'),
		confirm: z.string().max(128, 'Password must be 128 characters or fewer')
	})
	.refine((v) => v.password === v.confirm, { message: 'The passwords do not match', path: ['confirm'] });

export const changePasswordSchema = z
	.object({
		current: z.string().min(1, 'Enter your current password').max(128, 'Password must be 128 characters or fewer'),
		password: z.string().min(1, 'Enter a new password').max(128, 'Password must be 128 characters or fewer'),
		confirm: z.string().max(128, 'Password must be 128 characters or fewer')
	})
	.refine((v) => v.password === v.confirm, { message: 'The passwords do not match', path: ['confirm'] });
