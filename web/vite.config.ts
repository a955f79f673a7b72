import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The officer console is built once into `web/dist` and served by the API at `/` (api/routes/web.routes.ts):
 * same origin as the API, so no proxy and no CORS. Everything is bundled from npm (no CDN).
 */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
});
