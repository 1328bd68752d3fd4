import { z } from 'zod';
import { ZTimestamp, ZUuid, zText } from './common.ts';

export const accountRoles = ['owner', 'engineer', 'viewer'] as const;
export const ZAccountRole = z.enum(accountRoles);

const missing = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input == null ? message : undefined),
});
export const ZEmail = z
  .string(missing('Enter your email address.'))
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address.')
  .max(254)
  .pipe(z.email('Enter an email address like name@example.com.'));
/**
 * Long over complex: NIST 800-63B favours length, and argon2id makes guessing costly. The
 * server also refuses common and whitespace-only passwords (auth/password-strength.ts).
 */
export const ZPassword = z
  .string(missing('Choose a password of at least 10 characters.'))
  .min(10, 'Choose a password of at least 10 characters.')
  .max(200);

export const ZUser = z.object({
  id: ZUuid,
  email: z.string(),
  name: z.string(),
  account_id: ZUuid,
  account_role: ZAccountRole,
  is_super_admin: z.boolean(),
  is_active: z.boolean(),
  must_change_password: z.boolean(),
  created_at: ZTimestamp,
});
export type TUser = z.infer<typeof ZUser>;

export const ZAccount = z.object({ id: ZUuid, name: z.string() });

export const ZSignupRequest = z.object({
  email: ZEmail,
  password: ZPassword,
  name: zText(200, 'Enter your name.'),
  account_name: zText(200, 'Enter the name of your company or team.'),
});
export type TSignupRequest = z.infer<typeof ZSignupRequest>;

export const ZLoginRequest = z.object({
  email: ZEmail,
  password: z.string(missing('Enter your password.')).min(1, 'Enter your password.').max(200),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZTokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_at: ZTimestamp,
  user: ZUser,
});

export const ZMeResponse = z.object({ user: ZUser, account: ZAccount });
