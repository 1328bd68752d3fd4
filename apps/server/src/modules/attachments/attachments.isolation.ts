import type { IsolationCase, IsolationWorld } from '../../../test/isolation.ts';
import { ownerSession } from '../../../test/session-helpers.ts';

/** The owner's uploaded log file (text: no OCR to wait for). */
async function ownerAttachment(world: IsolationWorld) {
  const boundary = '----flowpilotisolation';
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="spooler.log"\r\nContent-Type: text/plain\r\n\r\nEvent 7031\r\n--${boundary}--\r\n`,
  );
  const response = await world.app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { ...world.owner.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  if (response.statusCode !== 201) throw new Error(`upload failed: ${response.body}`);
  return `/api/v1/attachments/${response.json().id as string}`;
}
const attachmentId = async (world: IsolationWorld) => (await ownerAttachment(world)).split('/').at(-1)!;

export const attachmentsIsolationCases: IsolationCase[] = [
  {
    method: 'GET',
    route: '/api/v1/attachments/{id}',
    prepare: async (world) => ({ url: await ownerAttachment(world) }),
  },
  {
    method: 'GET',
    route: '/api/v1/attachments/{id}/content',
    prepare: async (world) => ({ url: `${await ownerAttachment(world)}/content` }),
  },
  {
    method: 'DELETE',
    route: '/api/v1/attachments/{id}',
    prepare: async (world) => ({ url: await ownerAttachment(world) }),
  },

  {
    method: 'GET',
    route: '/api/v1/ai-sessions/{id}/attachments',
    prepare: async (world) => {
      const session = await ownerSession(world);
      return { url: `/api/v1/ai-sessions/${session}/attachments` };
    },
  },
  {
    // The intruder's own new session, naming the owner's upload: 404, and no session is created.
    method: 'POST',
    route: '/api/v1/ai-sessions (attachment_ids)',
    prepare: async (world) => ({
      url: '/api/v1/ai-sessions',
      body: {
        intake_type: 'free_text',
        intake_content: { text: 'Access denied on the finance share' },
        attachment_ids: [await attachmentId(world)],
      },
    }),
  },
  {
    // A message in the intruder's own session, naming the owner's upload.
    method: 'POST',
    route: '/api/v1/ai-sessions/{id}/messages (attachment_ids)',
    prepare: async (world) => {
      const session = await ownerSession({ app: world.app, owner: world.intruder, intruder: world.owner });
      return {
        url: `/api/v1/ai-sessions/${session}/messages`,
        body: { content: 'See the screenshot', attachment_ids: [await attachmentId(world)] },
      };
    },
  },
];
