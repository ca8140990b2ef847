/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

/**
 * Dev-only proxies, so `npm run dev` can talk to a running platform without CORS:
 * - DLA_DEV_GATEWAY_URL=http://127.0.0.1:8000 sends `/api` to the gateway unchanged;
 * - DLA_DEV_SERVICE_PROXIES="/api/catalog=http://127.0.0.1:8904,..." sends each prefix to one
 *   service with the prefix stripped, the way the gateway does (for working on one service alone).
 */
function devProxies(env: NodeJS.ProcessEnv): Record<string, ProxyOptions> {
  const proxies: Record<string, ProxyOptions> = {};
  for (const entry of (env.DLA_DEV_SERVICE_PROXIES ?? '').split(',')) {
    const [prefix, target] = entry.split('=').map((part) => part.trim());
    if (!prefix || !target) continue;
    proxies[prefix] = {
      target,
      changeOrigin: true,
      rewrite: (path) => path.slice(prefix.length) || '/',
    };
  }
  if (env.DLA_DEV_GATEWAY_URL) {
    proxies['/api'] = { target: env.DLA_DEV_GATEWAY_URL, changeOrigin: true };
  }
  return proxies;
}

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { proxy: devProxies(process.env) },
  preview: { proxy: devProxies(process.env) },
  build: { target: 'es2022' },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // jsdom's fetch needs absolute URLs; the browser build keeps the same-origin '' base.
    env: { VITE_API_BASE_URL: 'http://localhost:3000' },
    restoreMocks: true,
    // Whole-app route tests with react-aria widgets are slow in jsdom, more so when files run in parallel.
    testTimeout: 20_000,
  },
});
