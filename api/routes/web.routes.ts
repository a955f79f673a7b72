import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { AppInstance } from '../app-instance.js';
import { ApiError } from '../errors.js';

/**
 * Client routes of the officer console (web/src/app.tsx). They are Vietnamese paths that no API route
 * uses, so the API keeps every one of its paths and the browser gets `index.html` for these (SPA
 * fallback); anything else unknown stays a JSON 404.
 */
export const consolePaths = [
  '/',
  '/dang-nhap',
  '/tra-cuu',
  '/hop-viec',
  '/tiep-nhan',
  '/ho-so/:code',
  '/lanh-dao',
  '/lich-lam-viec',
  '/bao-cao',
  // Officers' queue of online submissions.
  '/truc-tuyen',
  '/truc-tuyen/:code',
  // The citizen portal (dịch vụ công), same SPA.
  '/dvc',
  '/dvc/thu-tuc/:code',
  '/dvc/nop-ho-so/:code',
  '/dvc/ho-so',
  '/dvc/ho-so/:code',
  '/dvc/dang-nhap',
] as const;

export interface WebRoutesOptions {
  /** The built console (`vite build` output); default `web/dist` under the working directory. */
  root?: string;
}

/**
 * Serves the officer console built into `web/dist`: hashed assets under `/assets/` (cached for a year)
 * and `index.html` (never cached) at each client route. Without a build, those routes answer 503 with
 * the way to build it.
 */
export async function registerWebRoutes(app: AppInstance, options: WebRoutesOptions = {}): Promise<void> {
  const root = options.root ?? resolve(process.cwd(), 'web/dist');
  const built = existsSync(join(root, 'index.html'));
  await app.register(async (scope) => {
    if (built) {
      await scope.register(fastifyStatic, {
        root: join(root, 'assets'),
        prefix: '/assets/',
        immutable: true,
        maxAge: '365d',
        index: false,
      });
    }
    for (const path of consolePaths) {
      scope.get(path, { schema: { hide: true } }, (_request, reply) => {
        if (!built) {
          throw new ApiError(
            503,
            'WEB.NOT_BUILT',
            'Giao diện chưa được build: chạy `make dev` hoặc `npm --prefix web run build`.',
          );
        }
        // The static plugin's own caching (a year, immutable) is for the hashed assets only: the page
        // that names them is revalidated on every visit, so a new build is seen at once.
        return reply
          .header('cache-control', 'no-cache')
          .sendFile('index.html', root, { cacheControl: false });
      });
    }
  });
}
