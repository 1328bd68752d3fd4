import type { App } from '../../app.ts';
import type { SignedUp } from '../../../test/fixtures.ts';

/** A multipart/form-data body with one `file` part, as a browser's FormData sends it. */
export function multipartFile(filename: string, bytes: Buffer, declaredType = 'application/octet-stream') {
  const boundary = `----flowpilot${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${declaredType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Uploads through the real route; returns the attachment's id. */
export async function uploadFile(app: App, who: SignedUp, filename: string, bytes: Buffer) {
  const body = multipartFile(filename, bytes);
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { ...who.headers, 'content-type': body.contentType },
    payload: body.payload,
  });
  if (response.statusCode !== 201) throw new Error(`upload failed: ${response.statusCode} ${response.body}`);
  return response.json().id as string;
}

/** Polls the metadata until OCR has finished (done or failed). */
export async function waitForExtraction(app: App, who: SignedUp, id: string) {
  for (let attempt = 0; attempt < 400; attempt++) {
    const body = (
      await app.inject({ method: 'GET', url: `/api/v1/attachments/${id}`, headers: who.headers })
    ).json();
    if (body.extraction_status !== 'pending') return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('extraction never finished');
}
