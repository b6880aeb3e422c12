import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const GATEWAY = 'http://localhost:4000';

/**
 * GraphiQL's stylesheet embeds its web fonts as data: URLs, which the gateway's
 * Content-Security-Policy (font-src falls back to 'self') refuses, logging console errors.
 * The portal keeps the strict policy and drops those @font-face rules: GraphiQL then uses
 * the portal's system fonts.
 */
function dropDataFonts(): Plugin {
  return {
    name: 'drop-data-url-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!/graphiql.*\.css($|\?)/.test(id)) return null;
      return { code: code.replace(/@font-face\s*\{[^}]*data:font[^}]*\}/g, ''), map: null };
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [react(), dropDataFonts()],
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
