import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZSessionIdParams } from '@flowpilot/contracts/ai-sessions';
import {
  ZPsaConnection,
  ZPsaConnectionRequest,
  ZPsaDelivery,
  ZPsaMemberList,
  ZPsaMemberQuery,
  ZPsaOptionList,
  ZPsaStatusQuery,
  ZPsaTestResult,
  ZPsaTicket,
  ZPsaTicketLink,
  ZPsaTicketParams,
  ZPsaTicketSearchQuery,
  ZPsaTicketSearchResult,
} from '@flowpilot/contracts/psa';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireCaller, requireRole } from '../../http/request-auth.ts';
import { deletePsaConnection } from './delete-psa-connection.ts';
import { getPsaConnection } from './get-psa-connection.ts';
import { getPsaDelivery, getPsaTicketLink } from './get-psa-delivery.ts';
import { findPsaMembers, listPsaBoards, listPsaStatuses } from './list-psa-options.ts';
import { retryPsaDelivery } from './retry-psa-delivery.ts';
import { savePsaConnection } from './save-psa-connection.ts';
import { getPsaTicket, searchPsaTickets } from './search-psa-tickets.ts';
import { testPsaConnection } from './test-psa-connection.ts';

const tags = ['psa'];

export const psaRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/integrations/psa',
    {
      onRequest: requireCaller,
      schema: {
        tags,
        description:
          "The account's PSA connection. Secrets are never returned; `secrets_set` names the stored ones.",
        response: { 200: ZPsaConnection },
      },
    },
    async (request) => getPsaConnection(ctx.database.db, callerOf(request)),
  );

  app.put(
    '/integrations/psa',
    {
      onRequest: requireRole('owner'),
      schema: {
        tags,
        description:
          'Connects the account to ConnectWise PSA, HaloPSA or Autotask. The connection is tested first: a failure is 422 with the PSA reason and nothing is saved. Secrets left out of a re-save of the same provider are kept.',
        body: ZPsaConnectionRequest,
        response: { 200: ZPsaConnection },
      },
    },
    async (request) => savePsaConnection(ctx, callerOf(request), request.body),
  );

  app.delete(
    '/integrations/psa',
    {
      onRequest: requireRole('owner'),
      schema: { tags, description: 'Forgets the connection and its credentials.' },
    },
    async (request, reply) => {
      await deletePsaConnection(ctx, callerOf(request));
      return reply.code(204).send();
    },
  );

  app.post(
    '/integrations/psa/test',
    {
      onRequest: requireRole('owner'),
      schema: {
        tags,
        description: 'Tests the stored connection and records the result.',
        response: { 200: ZPsaTestResult },
      },
    },
    async (request) => testPsaConnection(ctx, callerOf(request)),
  );

  app.get(
    '/integrations/psa/boards',
    {
      onRequest: requireRole('owner'),
      schema: {
        tags,
        description: 'Service boards (ConnectWise; empty elsewhere).',
        response: { 200: ZPsaOptionList },
      },
    },
    async (request) => listPsaBoards(ctx, callerOf(request)),
  );

  app.get(
    '/integrations/psa/statuses',
    {
      onRequest: requireRole('owner'),
      schema: {
        tags,
        description: 'Ticket statuses (of `board_id`, or the configured board, in ConnectWise).',
        querystring: ZPsaStatusQuery,
        response: { 200: ZPsaOptionList },
      },
    },
    async (request) => listPsaStatuses(ctx, callerOf(request), request.query.board_id),
  );

  app.get(
    '/integrations/psa/members',
    {
      onRequest: requireRole('owner'),
      schema: {
        tags,
        description: 'PSA members with this email, for the member mapping.',
        querystring: ZPsaMemberQuery,
        response: { 200: ZPsaMemberList },
      },
    },
    async (request) => findPsaMembers(ctx, callerOf(request), request.query.email),
  );

  app.get(
    '/integrations/psa/tickets',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags,
        description: 'Open tickets matching `q` (words of the summary or a ticket number).',
        querystring: ZPsaTicketSearchQuery,
        response: { 200: ZPsaTicketSearchResult },
      },
    },
    async (request) => searchPsaTickets(ctx, callerOf(request), request.query.q),
  );

  app.get(
    '/integrations/psa/tickets/:ticket_id',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags,
        description: 'One ticket with its notes, as the intake would take it.',
        params: ZPsaTicketParams,
        response: { 200: ZPsaTicket },
      },
    },
    async (request) => getPsaTicket(ctx, callerOf(request), request.params.ticket_id),
  );

  app.get(
    '/ai-sessions/:id/psa-ticket',
    {
      onRequest: requireCaller,
      schema: {
        tags,
        description: 'The PSA ticket the session was started from (404 if none).',
        params: ZSessionIdParams,
        response: { 200: ZPsaTicketLink },
      },
    },
    async (request) => getPsaTicketLink(ctx.database.db, callerOf(request), request.params.id),
  );

  app.get(
    '/ai-sessions/:id/psa-delivery',
    {
      onRequest: requireCaller,
      schema: {
        tags,
        description:
          "Where the closed session's note stands in the PSA: pending (with attempts and the last error), delivered (note id, status verified or not) or failed.",
        params: ZSessionIdParams,
        response: { 200: ZPsaDelivery },
      },
    },
    async (request) => getPsaDelivery(ctx.database.db, callerOf(request), request.params.id),
  );

  app.post(
    '/ai-sessions/:id/psa-delivery/retry',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags,
        description: 'Sends a failed delivery again; 409 unless it failed.',
        params: ZSessionIdParams,
        response: { 200: ZPsaDelivery },
      },
    },
    async (request) => retryPsaDelivery(ctx, callerOf(request), request.params.id),
  );
};
