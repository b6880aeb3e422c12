import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
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

/**
 * `npm run dev -w web`: the registered operations are generated afresh from the sources on
 * each page load (into dist/, where the gateway reads them), so an edited operation is
 * registered before the portal sends it. `vite build` is followed by the same generator.
 */
function trustedDocumentsInDev(): Plugin {
  const cli = createRequire(import.meta.url).resolve('@apollo/generate-persisted-query-manifest/cli.js');
  return {
    name: 'trusted-documents-in-dev',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/persisted-query-manifest.json', (_req, res) => {
        execFile(process.execPath, [cli], { cwd: server.config.root }, (error, _stdout, stderr) => {
          if (error) {
            res.statusCode = 500;
            res.end(stderr);
            return;
          }
          readFile(new URL('./dist/persisted-query-manifest.json', import.meta.url), 'utf8').then(
            (body) => {
              res.setHeader('Content-Type', 'application/json');
              res.end(body);
            },
            () => {
              res.statusCode = 500;
              res.end();
            },
          );
        });
      });
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [react(), dropDataFonts(), trustedDocumentsInDev()],
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
