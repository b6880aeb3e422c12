import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const GATEWAY = 'http://localhost:4000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // GraphiQL (analyst page) is one large lazy chunk by nature.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      '/graphql': { target: GATEWAY, changeOrigin: true },
      '/auth': { target: GATEWAY, changeOrigin: true },
    },
  },
});
