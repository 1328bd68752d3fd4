import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSecretKey, openSecrets, sealSecrets } from './secret-box.ts';

const account = '5b0c1f9e-7d3a-4c55-9a51-2f7f1c3e8a10';
const other = '0d8f3c4e-1b2a-4f6e-8c9d-7a6b5c4d3e2f';
const secrets = { private_key: 'cw-private-9f8e7d', client_id: 'client-1234' };

describe('secret box (AES-256-GCM at rest)', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fp-secret-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips, with a fresh IV each time and no plaintext in the envelope', () => {
    const key = randomBytes(32);
    const first = sealSecrets(key, account, secrets);
    const second = sealSecrets(key, account, secrets);
    expect(first).not.toBe(second);
    expect(first).not.toContain('cw-private');
    expect(openSecrets(key, account, first)).toEqual(secrets);
  });

  it('refuses a tampered ciphertext, a cut tag, another account and another key', () => {
    const key = randomBytes(32);
    const sealed = sealSecrets(key, account, secrets);
    const [version, iv, tag, data] = sealed.split(':') as [string, string, string, string];
    const flipped = Buffer.from(data, 'base64');
    flipped[0]! ^= 1;
    expect(() =>
      openSecrets(key, account, [version, iv, tag, flipped.toString('base64')].join(':')),
    ).toThrow();
    const shortTag = Buffer.from(tag, 'base64').subarray(0, 4).toString('base64');
    expect(() => openSecrets(key, account, [version, iv, shortTag, data].join(':'))).toThrow();
    expect(() => openSecrets(key, other, sealed)).toThrow();
    expect(() => openSecrets(randomBytes(32), account, sealed)).toThrow();
    expect(() => openSecrets(key, account, 'v0:a:b:c')).toThrow(/Unreadable/);
  });

  it('takes SECRET_KEY as hex or base64, and refuses a key that is not 32 bytes', () => {
    const key = randomBytes(32);
    expect(loadSecretKey({ secretKey: key.toString('hex'), dataDir: dataDir() })).toEqual(key);
    expect(loadSecretKey({ secretKey: key.toString('base64'), dataDir: dataDir() })).toEqual(key);
    expect(() => loadSecretKey({ secretKey: randomBytes(16).toString('hex'), dataDir: dataDir() })).toThrow(
      /32 bytes/,
    );
  });

  it('without SECRET_KEY, creates DATA_DIR/secret.key readable by the server only, and keeps it', () => {
    const dir = dataDir();
    const key = loadSecretKey({ secretKey: undefined, dataDir: dir });
    const file = path.join(dir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toEqual(key);
    // A key file someone loosened is tightened again when read.
    const loose = dataDir();
    writeFileSync(path.join(loose, 'secret.key'), randomBytes(32).toString('base64'), { mode: 0o644 });
    loadSecretKey({ secretKey: undefined, dataDir: loose });
    expect(statSync(path.join(loose, 'secret.key')).mode & 0o777).toBe(0o600);
  });
});
