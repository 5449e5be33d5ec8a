import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The web client: sources in src/web, built into dist/web, which the server serves with an SPA fallback. */
export default defineConfig({
  root: path.join(here, 'src/web'),
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist/web'),
    emptyOutDir: true,
    // antd alone is ~1 MB minified; the default 500 kB warning would fire on every build.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // `npx vite` during development talks to `anju start` on :3000.
    proxy: { '/api': 'http://localhost:3000', '/docs': 'http://localhost:3000' },
  },
});
