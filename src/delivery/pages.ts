// The two web pages callcue serves: the agent desktop at / and the supervisor wall at /supervisor,
// with their static assets from public/. Every response of this plugin carries a strict
// Content-Security-Policy (no inline script or style, no framing) and headers that keep the feed
// token in the page's URL from leaking through referrers.

import { join } from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { PACKAGE_ROOT } from '../config/paths.js';

export const PUBLIC_DIR = join(PACKAGE_ROOT, 'public');

/** The pages' URL paths and the files behind them. */
export const PAGE_ROUTES = { '/': 'index.html', '/supervisor': 'supervisor.html' } as const;

/** A Host header fit to name in a policy (anything else falls back to 'self' alone). */
const HOST_RE = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The policy for a page served to `host`. 'self' already covers same-origin WebSockets in current
 * browsers; the explicit ws:/wss: origin of this host covers older ones without opening others.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host && HOST_RE.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    `connect-src 'self'${sockets}`,
    "img-src 'self' data:",
    "style-src 'self'",
    "script-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // The pages build their DOM with textContent only; this makes any HTML-string sink an error.
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}

/**
 * HTML and code revalidate on every load (ETag makes that a 304), so a deploy never mixes module
 * versions; icons change rarely and may be kept for a day.
 */
export function cacheControlFor(url: string): string {
  const path = url.split('?')[0]!;
  return /\.(svg|png|ico)$/.test(path) ? 'public, max-age=86400' : 'no-cache';
}

function securityHeaders(req: FastifyRequest, reply: FastifyReply): void {
  reply.header('content-security-policy', contentSecurityPolicy(req.headers.host));
  reply.header('x-content-type-options', 'nosniff');
  // The page URL may carry ?token= on first load: never send it on as a referrer.
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  reply.header('cache-control', cacheControlFor(req.url));
}

export const pagesPlugin: FastifyPluginAsync = async (app) => {
  // Encapsulated: these hooks and the reply.sendFile decorator stay inside this plugin's routes.
  app.addHook('onSend', async (req, reply, payload) => {
    securityHeaders(req, reply);
    return payload;
  });
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/',
    // One route per file found at start: no catch-all route that would shadow the API's 404s.
    wildcard: false,
    index: false,
    dotfiles: 'ignore',
    cacheControl: false,
    etag: true,
    lastModified: true,
  });
  for (const [url, file] of Object.entries(PAGE_ROUTES)) {
    app.get(url, (_req, reply) => reply.type('text/html; charset=utf-8').sendFile(file));
  }
};
