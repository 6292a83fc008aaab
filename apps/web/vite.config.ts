import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm dev` runs Vite with hot reload and proxies the API and the sync socket to the server,
// so cookies stay same-origin exactly as in production (`pnpm start` serves dist/ itself).
const target = process.env.TAVLA_SERVER ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target, changeOrigin: false },
      '/ws': { target, ws: true, changeOrigin: false },
    },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      treeshake: {
        // Designsystemet's React barrel has no `sideEffects` field, so every component (Combobox,
        // floating-ui, a virtualiser...) would ship. Its modules are side-effect free apart from
        // the web-component registrations in @digdir/designsystemet-web, which stay included.
        moduleSideEffects: (id: string) =>
          !/designsystemet-react[\\/]dist[\\/]esm[\\/].*\.js$/.test(id),
      },
    },
  },
});
