import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';
const keys = new Map<string, Buffer>();

function parseKey(value: string): Buffer {
  const trimmed = value.trim();
  return /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
}

/**
 * The 32-byte key for secrets at rest: SECRET_KEY when set, otherwise `secret.key` under
 * DATA_DIR, created on first need with 0600 so only the server's user can read it. Losing the
 * file means re-entering the PSA credentials, nothing more.
 */
export function loadSecretKey(config: { secretKey: string | undefined; dataDir: string }): Buffer {
  const cacheKey = config.secretKey ? `env:${config.secretKey}` : `file:${config.dataDir}`;
  const cached = keys.get(cacheKey);
  if (cached) return cached;
  let key: Buffer;
  if (config.secretKey) {
    key = parseKey(config.secretKey);
  } else {
    const file = path.join(config.dataDir, 'secret.key');
    try {
      key = parseKey(readFileSync(file, 'utf8'));
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(config.dataDir, { recursive: true });
      const fresh = randomBytes(32);
      try {
        // `wx`: two processes racing to create it keep the first one's key.
        writeFileSync(file, `${fresh.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
        key = fresh;
      } catch (raced) {
        if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
        key = parseKey(readFileSync(file, 'utf8'));
      }
    }
  }
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes (64 hex digits or base64).');
  keys.set(cacheKey, key);
  return key;
}

/**
 * AES-256-GCM with a fresh 96-bit IV per write. The account id is authenticated data: a
 * ciphertext copied into another account's row does not decrypt.
 */
export function sealSecrets(key: Buffer, accountId: string, secrets: Record<string, string>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(accountId));
  const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return [
    VERSION,
    iv.toString('base64'),
    cipher.getAuthTag().toString('base64'),
    data.toString('base64'),
  ].join(':');
}

export function openSecrets(key: Buffer, accountId: string, sealed: string): Record<string, string> {
  const [version, iv, tag, data] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || !data) throw new Error('Unreadable secret envelope');
  // The tag length is fixed: without it Node accepts a tag cut to 4 bytes, which is forgeable.
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(accountId));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as Record<string, string>;
}
