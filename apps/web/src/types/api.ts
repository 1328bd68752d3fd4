/*
 * Request and response shapes the web app relies on, derived from the zod schemas in
 * @flowpilot/contracts. Type-only imports: no zod code reaches the bundle, yet the server and
 * the UI cannot drift apart silently.
 */
import type { z } from 'zod';
import type { accountRoles, ZAccount, ZMeResponse, ZTokenResponse } from '@flowpilot/contracts/auth';
import type { ZCreateUserRequest, ZUpdateUserRequest, ZUserList } from '@flowpilot/contracts/users';

export type {
  TUser as User,
  TSignupRequest as SignupRequest,
  TLoginRequest as LoginRequest,
} from '@flowpilot/contracts/auth';
export type { TProblem as Problem } from '@flowpilot/contracts/common';
export type { THealth as Health } from '@flowpilot/contracts/health';

export type AccountRole = (typeof accountRoles)[number];
export type Account = z.infer<typeof ZAccount>;
export type AuthResponse = z.infer<typeof ZTokenResponse>;
export type MeResponse = z.infer<typeof ZMeResponse>;
export type UserList = z.infer<typeof ZUserList>;
/** What the client sends (defaults still optional), not what the server parses it into. */
export type CreateUserRequest = z.input<typeof ZCreateUserRequest>;
export type UpdateUserRequest = z.input<typeof ZUpdateUserRequest>;
