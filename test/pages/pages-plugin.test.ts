// How the pages are served: the routes, a strict Content-Security-Policy and the other security
// headers on every page response, revalidating caches, no inline code anywhere in public/ (the
// policy would block it), and the API's own 404s untouched by the static files.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_DIR, contentSecurityPolicy, cacheControlFor } from '../../src/delivery/pages.js';
import { startPagesServer, type PagesServer } from './helpers/pages-server.js';

let server: PagesServer;
beforeAll(async () => {
  server = await startPagesServer();
});
afterAll(async () => server?.stop());

describe('the pages plugin', () => {
  it('serves the agent desktop at / and the wall at /supervisor with a strict policy and no-referrer', async () => {
    for (const [path, script] of [
      ['/', '/js/agent.js'],
      ['/supervisor', '/js/supervisor.js'],
    ] as const) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain(`<script type="module" src="${script}"></script>`);
      const csp = res.headers.get('content-security-policy')!;
      for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "require-trusted-types-for 'script'"]) {
        expect(csp).toContain(directive);
      }
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} wss://127.0.0.1:${server.port}`);
      expect(csp).not.toContain('unsafe');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves the modules, styles and icons with revalidation (304 on an unchanged ETag)', async () => {
    const js = await fetch(`${server.url}/js/call-store.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toBe('no-cache');
    const etag = js.headers.get('etag')!;
    expect(etag).toBeTruthy();
    // (inject, not fetch: fetch turns a conditional request into a Cache-Control: no-cache reload)
    const again = await server.app.inject({ url: '/js/call-store.js', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    const css = await fetch(`${server.url}/css/base.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const icon = await fetch(`${server.url}/img/emotion-anger.svg`);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(icon.headers.get('cache-control')).toBe('public, max-age=86400');
  });

  it('leaves the API’s 404s alone and serves no dotfiles', async () => {
    const res = await fetch(`${server.url}/v1/no-such-route`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(res.headers.get('content-security-policy')).toBeNull();
    expect((await fetch(`${server.url}/.env`)).status).toBe(404);
  });

  it('names only a well-formed Host in the policy', () => {
    expect(contentSecurityPolicy('callcue.bank.example:8443')).toContain('connect-src \'self\' ws://callcue.bank.example:8443 wss://callcue.bank.example:8443;');
    expect(contentSecurityPolicy('[::1]:8080')).toContain('ws://[::1]:8080');
    for (const bad of ['evil.example; script-src *', 'a b', undefined]) {
      expect(contentSecurityPolicy(bad)).toContain("connect-src 'self';");
    }
    expect(cacheControlFor('/img/x.svg?v=1')).toBe('public, max-age=86400');
    expect(cacheControlFor('/js/agent.js')).toBe('no-cache');
  });

  it('has no inline script, style or event handler in public/, and no HTML-string sinks in the code', () => {
    for (const file of readdirSync(PUBLIC_DIR).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(PUBLIC_DIR, file), 'utf8');
      expect(html, file).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, file).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    }
    const jsDir = join(PUBLIC_DIR, 'js');
    for (const file of readdirSync(jsDir)) {
      const code = readFileSync(join(jsDir, file), 'utf8');
      expect(code, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(['"]style|console\./);
    }
  });
});
