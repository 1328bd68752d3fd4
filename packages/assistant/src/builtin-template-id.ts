import { createHash } from 'node:crypto';

/**
 * Namespace for the ids of the script templates shipped with the product. Fixed forever:
 * changing it would orphan every fix that references a built-in template.
 */
export const builtinTemplateNamespace = '3b6f1c2e-8d4a-4f7e-9a51-6c0d2e7b9f10';

/** RFC 9562 version 5 UUID: SHA-1 over the namespace's bytes followed by the name. */
export function uuidV5(namespace: string, name: string): string {
  const namespaceBytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const bytes = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Stable id of a built-in template, so the server can seed built-ins with fixed ids and the
 * offline engine can reference them in `script_template_id` without a database lookup.
 */
export function builtinTemplateId(slug: string): string {
  return uuidV5(builtinTemplateNamespace, slug);
}
