import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../env.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

let webDist: string;
beforeAll(() => {
  webDist = mkdtempSync(path.join(os.tmpdir(), 'flowpilot-web-'));
  writeFileSync(
    path.join(webDist, 'index.html'),
    '<!doctype html><title>FlowPilot</title><div id="root"></div>',
  );
});
afterAll(() => rmSync(webDist, { recursive: true, force: true }));

const upgrades = (response: LightMyRequestResponse) =>
  String(response.headers['content-security-policy'] ?? '').includes('upgrade-insecure-requests');
const hsts = (response: LightMyRequestResponse) => response.headers['strict-transport-security'];

/**
 * The SPA page (what goes blank), an API answer, and an error the router raises before any hook.
 * Fastify gives the last a request that never reads forwarded headers, so behind a trusted proxy
 * it carries neither header (it is a JSON 400; the pages the browser keeps are covered).
 */
const pages = (t: TestApp, headers: Record<string, string> = {}, routerError = true) =>
  Promise.all(
    ['/', '/api/v1/health', ...(routerError ? ['/api/v1/ai-sessions/%E0%A4%A'] : [])].map((url) =>
      t.app.inject({ method: 'GET', url, headers }),
    ),
  );

function served(config: Partial<Config>) {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { webDist, ...config } });
  });
  afterAll(() => t.close());
  return {
    pages: (headers?: Record<string, string>, routerError?: boolean) => pages(t, headers, routerError),
    inject: (options: InjectOptions) => t.app.inject(options),
  };
}

describe('served over plain HTTP (the default)', () => {
  const app = served({});

  it('sends neither upgrade-insecure-requests nor HSTS, so a LAN hostname over http:// loads', async () => {
    for (const response of await app.pages()) {
      expect(response.headers['content-security-policy'], response.body).toBeTruthy();
      expect(upgrades(response), response.body).toBe(false);
      expect(hsts(response)).toBeUndefined();
    }
  });

  it('ignores X-Forwarded-Proto from a client when no proxy is trusted', async () => {
    for (const response of await app.pages({ 'x-forwarded-proto': 'https' })) {
      expect(upgrades(response)).toBe(false);
      expect(hsts(response)).toBeUndefined();
    }
  });
});

describe('served over HTTPS', () => {
  describe('declared by COOKIE_SECURE=true', () => {
    const app = served({ cookieSecure: true });
    it('sends upgrade-insecure-requests and HSTS', async () => {
      for (const response of await app.pages()) {
        expect(upgrades(response), response.body).toBe(true);
        expect(String(hsts(response))).toMatch(/max-age=31536000/);
      }
    });
  });

  describe('said by a trusted proxy (TRUST_PROXY)', () => {
    const app = served({ trustProxy: true });
    it('sends both when the proxy forwards https, and neither when it forwards http', async () => {
      for (const response of await app.pages({ 'x-forwarded-proto': 'https' }, false)) {
        expect(upgrades(response), response.body).toBe(true);
        expect(String(hsts(response))).toMatch(/max-age=31536000/);
      }
      for (const response of await app.pages({ 'x-forwarded-proto': 'http' })) {
        expect(upgrades(response)).toBe(false);
        expect(hsts(response)).toBeUndefined();
      }
    });

    it('marks the session cookie Secure only when the proxy forwards https', async () => {
      const signup = (proto: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/signup',
          headers: { 'x-forwarded-proto': proto },
          payload: {
            email: `proxy-${proto}@example.test`,
            password: 'correct horse battery',
            name: 'P',
            account_name: 'P',
          },
        });
      expect(String((await signup('https')).headers['set-cookie'])).toMatch(/;\s*Secure/i);
      expect(String((await signup('http')).headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
    });
  });
});

describe('TRUST_PROXY', () => {
  it('is off by default, and takes true/false, a hop count or a list of addresses', () => {
    const trust = (value?: string) =>
      loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy;
    expect(trust()).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('false')).toBe(false);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, 127.0.0.1')).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => trust('not an address')).toThrow(/TRUST_PROXY/);
  });
});
