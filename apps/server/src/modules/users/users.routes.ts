import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZUser } from '@flowpilot/contracts/auth';
import { ZIdParams } from '@flowpilot/contracts/common';
import { ZCreateUserRequest, ZUpdateUserRequest, ZUserList } from '@flowpilot/contracts/users';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireCaller, requireRole } from '../../http/request-auth.ts';
import { createUser } from './create-user.ts';
import { toUserDto, usersRepository } from '../accounts-core/users.repository.ts';
import { updateUser } from './update-user.ts';

export const usersRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/users',
    { onRequest: requireCaller, schema: { tags: ['users'], response: { 200: ZUserList } } },
    async (request) => {
      const rows = await usersRepository(ctx.database.db, callerOf(request).accountId).list();
      return { items: rows.map(toUserDto) };
    },
  );

  app.post(
    '/users',
    {
      onRequest: requireRole('owner'),
      schema: { tags: ['users'], body: ZCreateUserRequest, response: { 201: ZUser } },
    },
    async (request, reply) => reply.code(201).send(await createUser(ctx, callerOf(request), request.body)),
  );

  app.patch(
    '/users/:id',
    {
      onRequest: requireRole('owner'),
      schema: { tags: ['users'], params: ZIdParams, body: ZUpdateUserRequest, response: { 200: ZUser } },
    },
    async (request) => updateUser(ctx, callerOf(request), request.params.id, request.body),
  );
};
