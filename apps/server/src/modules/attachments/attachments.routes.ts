import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '@flowpilot/core/app-error';
import { ATTACHMENT_MAX_BYTES, ZAttachment, ZAttachmentList } from '@flowpilot/contracts/attachments';
import { ZSessionIdParams } from '@flowpilot/contracts/ai-sessions';
import { ZIdParams } from '@flowpilot/contracts/common';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireCaller, requireRole } from '../../http/request-auth.ts';
import { getOwnedSession } from '../session-core/sessions.repository.ts';
import {
  deleteUnusedAttachment,
  listSessionAttachments,
  getReadableAttachment,
  getReadableAttachmentContent,
  toAttachmentDto,
} from './attachments.repository.ts';
import { uploadAttachment } from './upload-attachment.ts';

const tooLarge = () =>
  new AppError(
    'payload_too_large',
    'This file is larger than 10 MB. Attach a smaller screenshot, or the relevant part of the log.',
  );

export const attachmentsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(fastifyMultipart, {
    limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
  });

  app.post(
    '/attachments',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags: ['attachments'],
        description:
          'Uploads one screenshot or log file (`multipart/form-data`, part `file`). The type is read from the bytes: PNG, JPEG, WebP, GIF or text; anything else is 415, over 10 MB 413. Text in images is read in the background (`extraction_status` pending → done | failed).',
        consumes: ['multipart/form-data'],
        response: { 201: ZAttachment },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError(
          'unsupported_media_type',
          'Upload the file as multipart/form-data with one part named "file".',
        );
      }
      let file;
      try {
        file = await request.file();
      } catch (error) {
        throw mapMultipartError(error);
      }
      if (!file || file.fieldname !== 'file') {
        throw new AppError('validation_failed', 'Choose a file to attach.', {
          errors: [{ field: 'file', message: 'Choose a file to attach.' }],
        });
      }
      let bytes: Buffer;
      try {
        bytes = await file.toBuffer();
      } catch (error) {
        throw mapMultipartError(error);
      }
      if (bytes.byteLength === 0) {
        throw new AppError('validation_failed', 'This file is empty.', {
          errors: [{ field: 'file', message: 'This file is empty.' }],
        });
      }
      const attachment = await uploadAttachment(ctx, callerOf(request), { filename: file.filename, bytes });
      return reply.code(201).send(attachment);
    },
  );

  app.get(
    '/attachments/:id',
    {
      onRequest: requireCaller,
      schema: {
        tags: ['attachments'],
        description: "An attachment's metadata and extracted text.",
        params: ZIdParams,
        response: { 200: ZAttachment },
      },
    },
    async (request) =>
      toAttachmentDto(await getReadableAttachment(ctx.database.db, callerOf(request), request.params.id)),
  );

  app.get(
    '/attachments/:id/content',
    {
      onRequest: requireCaller,
      schema: {
        tags: ['attachments'],
        description: 'The bytes: raster images inline, text as a download; never sniffed, never run.',
        params: ZIdParams,
      },
    },
    async (request, reply) => {
      const row = await getReadableAttachmentContent(ctx.database.db, callerOf(request), request.params.id);
      const disposition = row.kind === 'image' ? 'inline' : 'attachment';
      return reply
        .header('content-type', row.contentType)
        .header('content-length', String(row.content.byteLength))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cross-origin-resource-policy', 'same-origin')
        .header('cache-control', 'private, max-age=3600')
        .header(
          'content-disposition',
          `${disposition}; filename="${asciiFilename(row.filename)}"; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
        )
        .send(row.content);
    },
  );

  app.get(
    '/ai-sessions/:id/attachments',
    {
      onRequest: requireCaller,
      schema: {
        tags: ['attachments'],
        description:
          "A session's attachments, oldest first: the intake's and every message's (`message_id` says which).",
        params: ZSessionIdParams,
        response: { 200: ZAttachmentList },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const session = await getOwnedSession(ctx.database.db, caller, request.params.id);
      const rows = await listSessionAttachments(ctx.database.db, caller.accountId, session.id);
      return { items: rows.map(toAttachmentDto) };
    },
  );

  app.delete(
    '/attachments/:id',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags: ['attachments'],
        description: 'Deletes an upload that is not part of a session yet (409 once it is).',
        params: ZIdParams,
      },
    },
    async (request, reply) => {
      await deleteUnusedAttachment(ctx.database.db, callerOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
};

function asciiFilename(name: string) {
  return name.replace(/[^\x20-\x7e]|["\\]/g, '_');
}

function mapMultipartError(error: unknown): AppError {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new AppError('validation_failed', 'Attach one file per upload.');
  }
  return new AppError('bad_request', 'The upload could not be read; try attaching the file again.');
}
