import { z } from 'zod';
import { ZAccountRole, ZEmail, ZPassword, ZUser } from './auth.ts';
import { zText } from './common.ts';

export const ZUserList = z.object({ items: z.array(ZUser) });

export const ZCreateUserRequest = z.object({
  email: ZEmail,
  name: zText(200),
  password: ZPassword,
  account_role: ZAccountRole.default('engineer'),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z
  .object({
    name: zText(200).optional(),
    account_role: ZAccountRole.optional(),
    is_active: z.boolean().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'Send at least one field to change.' });
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;
