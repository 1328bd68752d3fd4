import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server's dev port; `npm run dev` at the root starts it next to Vite.
const apiTarget = process.env.FLOWPILOT_API_URL ?? 'http://localhost:8080';
// SSE replies must not be buffered by the proxy, and cookies must keep their host.
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: {
    // The server bundles and serves this directory with an SPA fallback.
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
});
