import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signUpAccount, snapshotDatabase, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { OcrQueue } from './ocr-queue.ts';
import { expireUnusedAttachments } from './expire-unused-attachments.ts';

const errorDialog = readFileSync(new URL('../../../test/fixtures/error-dialog.png', import.meta.url));

/** A multipart/form-data body with one `file` part, as a browser's FormData sends it. */
export function multipart(
  filename: string,
  bytes: Buffer,
  declaredType = 'application/octet-stream',
  field = 'file',
) {
  const boundary = `----flowpilot${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${declaredType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** A PNG whose header declares `width × height` pixels of one colour: tiny on disk, huge decoded. */
function pngDeclaring(width: number, height: number) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (data: Buffer) => {
    let c = 0xffffffff;
    for (const byte of data) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = deflateSync(Buffer.alloc(Math.min(height, 64) * (width + 1)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', rows),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('attachments', () => {
  let t: TestApp;
  let owner: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    owner = await signUpAccount(t.app);
  });

  const upload = (filename: string, bytes: Buffer, declaredType?: string, who = owner) => {
    const body = multipart(filename, bytes, declaredType);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...who.headers, 'content-type': body.contentType },
      payload: body.payload,
    });
  };
  const get = (url: string, who = owner) => t.app.inject({ method: 'GET', url, headers: who.headers });

  async function waitForExtraction(id: string) {
    for (let i = 0; i < 200; i++) {
      const body = (await get(`/api/v1/attachments/${id}`)).json();
      if (body.extraction_status !== 'pending') return body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('extraction never finished');
  }

  it('reads the error code out of a screenshot of an error dialog, offline', async () => {
    const response = await upload('Screenshot 2026-12-02.png', errorDialog, 'image/png');
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      kind: 'image',
      content_type: 'image/png',
      width: 640,
      height: 260,
      size_bytes: errorDialog.byteLength,
      extraction_status: 'pending',
      ai_session_id: null,
    });
    const done = await waitForExtraction(created.id);
    expect(done.extraction_status).toBe('done');
    expect(done.extracted_text).toContain('0x80070005');
    expect(done.extracted_text).toMatch(/Access is denied/);
  });

  it('says why the text could not be read when the reader is too busy to take the image', async () => {
    const reader = t.ctx.ocr;
    t.ctx.ocr = new OcrQueue({ maxQueued: 0, timeoutMs: 30_000 });
    try {
      const response = await upload('busy.png', errorDialog, 'image/png');
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ extraction_status: 'pending', extraction_error: null });
      const failed = await waitForExtraction(response.json().id);
      expect(failed).toMatchObject({ extraction_status: 'failed', extracted_text: null });
      expect(failed.extraction_error).toBe(
        'Too many images were waiting to be read; attach it again in a minute.',
      );
    } finally {
      await t.ctx.ocr.close();
      t.ctx.ocr = reader;
    }
  });

  it('keeps a log file as text (UTF-8 and UTF-16 with a BOM), whatever the name says', async () => {
    const log =
      'Event 7031 Service Control Manager\r\nThe Print Spooler service terminated unexpectedly.\r\n';
    const utf8 = await upload('spooler.log', Buffer.from(log));
    expect(utf8.statusCode).toBe(201);
    expect(utf8.json()).toMatchObject({ kind: 'text', extraction_status: 'done', extracted_text: log });

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(log, 'utf16le')]);
    const second = await upload('export.png', utf16, 'image/png');
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({
      kind: 'text',
      content_type: 'text/plain; charset=utf-8',
      extracted_text: log,
    });
  });

  it.each([
    [
      'an SVG with onload',
      'dialog.png',
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
    ],
    ['an HTML page', 'notes.txt', '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'],
    ['an HTML fragment', 'log.txt', '  <html><img src=x onerror=alert(1)></html>'],
  ])('refuses %s (415) and stores nothing', async (_what, name, text) => {
    const before = await snapshotDatabase(t);
    const response = await upload(name, Buffer.from(text), 'text/plain');
    expect(response.statusCode).toBe(415);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().detail).toMatch(/can't be attached/);
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it.each([
    [
      'a Windows executable renamed .png',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]),
    ],
    ['an ELF binary', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(100)])],
    ['a ZIP archive', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)])],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')],
    ['unrecognised binary', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0x00, 0x10])],
  ])('refuses %s (415)', async (_what, bytes) => {
    const response = await upload('screenshot.png', bytes, 'image/png');
    expect(response.statusCode).toBe(415);
  });

  it('refuses 10 MB + 1 byte (413) and a giant pixel count (413), accepting exactly 10 MB of text', async () => {
    const limit = 10 * 1024 * 1024;
    const over = await upload('big.log', Buffer.alloc(limit + 1, 'a'));
    expect(over.statusCode).toBe(413);
    expect(over.json().detail).toMatch(/larger than 10 MB/);
    const bomb = await upload('bomb.png', pngDeclaring(60_000, 60_000), 'image/png');
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json().detail).toMatch(/60000 × 60000 pixels/);
    const exact = await upload('exact.log', Buffer.alloc(limit, 'a'));
    expect(exact.statusCode).toBe(201);
  });

  it('answers 415 for a body that is not multipart, and 422 without a file part', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: owner.headers,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    const body = multipart('a.log', Buffer.from('hello'), 'text/plain', 'other');
    const wrongField = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...owner.headers, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(wrongField.statusCode).toBe(422);
    expect(wrongField.json().detail).toBe('Choose a file to attach.');
  });

  it('serves images inline and text as a download, never sniffed, under a CSP that runs nothing', async () => {
    const image = (await upload('dialog.png', errorDialog)).json();
    const inline = await get(`/api/v1/attachments/${image.id}/content`);
    expect(inline.statusCode).toBe(200);
    expect(inline.headers['content-type']).toBe('image/png');
    expect(inline.headers['x-content-type-options']).toBe('nosniff');
    expect(inline.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(inline.headers['content-disposition']).toMatch(/^inline; filename="dialog.png"/);
    expect(Buffer.compare(inline.rawPayload, errorDialog)).toBe(0);

    const text = (await upload('événements 7031.log', Buffer.from('line one\n'))).json();
    expect(text.filename).toBe('événements 7031.log');
    const download = await get(`/api/v1/attachments/${text.id}/content`);
    expect(download.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="_v_nements 7031.log"; filename*=UTF-8''${encodeURIComponent('événements 7031.log')}`,
    );
    expect(download.body).toBe('line one\n');
  });

  it("is another account's 404 on metadata, content and delete", async () => {
    const mine = (await upload('a.log', Buffer.from('mine'))).json();
    const other = await signUpAccount(t.app, 'Other MSP');
    for (const url of [`/api/v1/attachments/${mine.id}`, `/api/v1/attachments/${mine.id}/content`]) {
      expect((await get(url, other)).statusCode).toBe(404);
    }
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/attachments/${mine.id}`,
      headers: other.headers,
    });
    expect(removed.statusCode).toBe(404);
    expect((await get(`/api/v1/attachments/${mine.id}`)).statusCode).toBe(200);
  });

  it('deletes an unused upload; unused uploads expire after a day (idempotent), used ones stay', async () => {
    const first = (await upload('a.log', Buffer.from('one'))).json();
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/attachments/${first.id}`,
      headers: owner.headers,
    });
    expect(deleted.statusCode).toBe(204);
    expect((await get(`/api/v1/attachments/${first.id}`)).statusCode).toBe(404);

    const old = (await upload('old.log', Buffer.from('old'))).json();
    const fresh = (await upload('fresh.log', Buffer.from('fresh'))).json();
    const used = (await upload('used.log', Buffer.from('used'))).json();
    await t.database.query(
      `UPDATE attachments SET created_at = now() - interval '25 hours' WHERE id = ANY($1)`,
      [[old.id, used.id]],
    );
    const [session] = await t.database.query<{ id: string }>(
      `INSERT INTO ai_sessions (account_id, user_id, intake_type, intake_content, title)
       VALUES ($1, $2, 'free_text', '{"text":"x"}', 'x') RETURNING id`,
      [owner.accountId, owner.userId],
    );
    await t.database.query(`UPDATE attachments SET ai_session_id = $1 WHERE id = $2`, [session!.id, used.id]);

    expect(await expireUnusedAttachments(t.database.db)).toEqual({ deleted: 1 });
    expect(await expireUnusedAttachments(t.database.db)).toEqual({ deleted: 0 });
    expect((await get(`/api/v1/attachments/${old.id}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/attachments/${fresh.id}`)).statusCode).toBe(200);
    expect((await get(`/api/v1/attachments/${used.id}`)).statusCode).toBe(200);
    const inUse = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/attachments/${used.id}`,
      headers: owner.headers,
    });
    expect(inUse.statusCode).toBe(409);
  });
});
