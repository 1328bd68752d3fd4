import { z } from 'zod';
import { ZTimestamp, ZUuid, zText } from './common.ts';

export const accountRoles = ['owner', 'engineer', 'viewer'] as const;
export const ZAccountRole = z.enum(accountRoles);

export const ZEmail = z.string().trim().toLowerCase().max(254).pipe(z.email());
/** Long over complex: NIST 800-63B favours length, and argon2id makes guessing costly. */
export const ZPassword = z.string().min(10, 'must be at least 10 characters').max(200);

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
  name: zText(200),
  account_name: zText(200),
});
export type TSignupRequest = z.infer<typeof ZSignupRequest>;

export const ZLoginRequest = z.object({
  email: ZEmail,
  password: z.string().min(1).max(200),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZTokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_at: ZTimestamp,
  user: ZUser,
});

export const ZMeResponse = z.object({ user: ZUser, account: ZAccount });
