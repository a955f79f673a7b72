import helmet from '@fastify/helmet';
import type { AppInstance } from './app-instance.js';

export interface HttpHeadersOptions {
  /** `NODE_ENV=production`: HSTS and `upgrade-insecure-requests` (the site is then served over HTTPS only). */
  production: boolean;
}

/**
 * The Content-Security-Policy of every answer: the officer console (web/dist), Swagger UI at `/docs`,
 * the liaison pages, the printable forms.
 *
 * - scripts: only files of this origin (the console's Vite bundle, Swagger UI's bundle); no inline script;
 * - styles: this origin and inline: Mantine injects `<style>` elements (its CSS variables) at run time and
 *   the console is a static build with no per-answer nonce to give them; the forms printed in the
 *   console's `srcdoc` frame (which inherits this policy) and the HTML pages carry inline styles too;
 * - images: this origin and `data:` (Swagger UI's icons); fetches: this origin only;
 * - frames: only this origin may frame a page (the console prints forms in a frame of its own), and the
 *   console frames only its own documents; no plugins; forms post to this origin only.
 */
export function contentSecurityPolicy(production: boolean): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
    frameSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    // Over plain HTTP in development (http://localhost:3000) an upgrade would break every request.
    ...(production ? { upgradeInsecureRequests: [] } : {}),
  };
}

/** One year, in seconds. */
const ONE_YEAR = 31_536_000;

/**
 * Security headers on every answer (API JSON, errors, `/docs`, the console's HTML and assets) with
 * @fastify/helmet, and the default caching rule. Call once, before any route is registered.
 *
 * - `Referrer-Policy: no-referrer`: lookup and liaison links carry proof tokens in their URL, which a
 *   `Referer` must never carry to another site (nor to this one: the console needs none);
 * - `Strict-Transport-Security` only in production (development runs over plain HTTP);
 * - `X-Frame-Options: SAMEORIGIN` beside `frame-ancestors 'self'`, for old browsers;
 * - `X-Content-Type-Options: nosniff` and helmet's other defaults (cross-origin opener/resource policies,
 *   no DNS prefetch, no Flash/PDF cross-domain policies).
 *
 * Caching: an answer whose route did not say how it may be cached gets `Cache-Control: no-store`. API
 * answers carry personal data (dossiers, applicants, officers, the public lookup) and errors must not be
 * replayed from a cache; the routes that may be cached say so themselves (hashed console assets: a year,
 * immutable; the console's `index.html`: `no-cache`, i.e. always revalidated).
 */
export async function installHttpHeaders(app: AppInstance, options: HttpHeadersOptions): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(options.production) },
    frameguard: { action: 'sameorigin' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: options.production ? { maxAge: ONE_YEAR, includeSubDomains: true } : false,
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
