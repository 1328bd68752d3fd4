import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { AppError } from '@flowpilot/core/app-error';

export type DetectedAttachment =
  | { kind: 'image'; contentType: string; width: number; height: number }
  | { kind: 'text'; contentType: 'text/plain; charset=utf-8'; text: string };

const rasterTypes = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/**
 * Pixels an image may have. A 10 MB PNG can declare 60,000 × 60,000 pixels (a decompression
 * bomb: gigabytes once decoded); 40 megapixels covers any real screenshot, 8K displays included.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;
const MAX_IMAGE_SIDE = 16_384;

const refused = (what: string) =>
  new AppError(
    'unsupported_media_type',
    `${what} can't be attached. Attach a screenshot (PNG, JPEG, WebP or GIF) or a text file such as a log, CSV, JSON, XML or script.`,
  );

/**
 * What an upload really is, from its bytes alone (never its name or declared type). Images
 * come from the `file-type` signature sniffer and their header's dimensions; anything it does
 * not recognise must decode as UTF-8 or UTF-16 text without binary control characters, and
 * must not be a markup document a browser would run (HTML, SVG).
 */
export async function detectAttachmentType(bytes: Uint8Array): Promise<DetectedAttachment> {
  // A byte-order mark says "text" before any signature can: UTF-16LE's FF FE also looks like
  // an MPEG audio frame to a signature sniffer.
  if (startsWithByteOrderMark(bytes)) {
    const text = decodeText(bytes);
    if (text !== null) return asText(text);
  }
  const sniffed = await fileTypeFromBuffer(bytes);
  if (sniffed) {
    if (!rasterTypes.has(sniffed.mime)) throw refused(`A ${sniffed.ext.toUpperCase()} file`);
    let size: { width?: number; height?: number };
    try {
      size = imageSize(bytes);
    } catch {
      throw new AppError(
        'unsupported_media_type',
        'This image is damaged or incomplete; take the screenshot again.',
      );
    }
    const width = size.width ?? 0;
    const height = size.height ?? 0;
    if (width < 1 || height < 1) {
      throw new AppError(
        'unsupported_media_type',
        'This image is damaged or incomplete; take the screenshot again.',
      );
    }
    if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
      throw new AppError(
        'payload_too_large',
        `This image is ${width} × ${height} pixels, larger than any screenshot; attach one of at most 40 megapixels.`,
      );
    }
    return { kind: 'image', contentType: sniffed.mime, width, height };
  }
  const text = decodeText(bytes);
  if (text === null) throw refused('This file');
  return asText(text);
}

function asText(text: string): DetectedAttachment {
  if (isMarkupDocument(text)) throw refused('A web page or SVG image');
  return { kind: 'text', contentType: 'text/plain; charset=utf-8', text };
}

const startsWithByteOrderMark = (bytes: Uint8Array) =>
  (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
  (bytes[0] === 0xff && bytes[1] === 0xfe) ||
  (bytes[0] === 0xfe && bytes[1] === 0xff);

function decodeText(bytes: Uint8Array): string | null {
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // Text logs carry tabs, line breaks and form feeds; NUL and other C0 controls mean binary.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c && code !== 0x1b) {
      return null;
    }
  }
  return text;
}

/**
 * An HTML page or an SVG image runs script when a browser opens it. XML logs and config
 * exports are welcome; a document whose root element is `html` or `svg` (or that declares
 * an HTML doctype) is not.
 */
function isMarkupDocument(text: string): boolean {
  let rest = text.slice(0, 4096).replace(/^\uFEFF/, '');
  // Skip the prolog: whitespace, <?xml …?>, comments, doctypes other than HTML's.
  for (let guard = 0; guard < 50; guard++) {
    rest = rest.trimStart();
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      if (end < 0) return false;
      rest = rest.slice(end + 2);
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) return false;
      rest = rest.slice(end + 3);
    } else if (rest.slice(0, 9).toLowerCase() === '<!doctype') {
      const declaration = rest.slice(0, rest.indexOf('>') + 1 || undefined).toLowerCase();
      if (declaration.includes('html') || declaration.includes('svg')) return true;
      rest = rest.slice(declaration.length);
    } else break;
  }
  const root = /^<([A-Za-z][\w:-]{0,40})/.exec(rest)?.[1]?.toLowerCase();
  if (!root) return false;
  const local = root.includes(':') ? root.slice(root.indexOf(':') + 1) : root;
  return (
    local === 'html' ||
    local === 'svg' ||
    local === 'xhtml' ||
    local === 'head' ||
    local === 'body' ||
    local === 'script'
  );
}
