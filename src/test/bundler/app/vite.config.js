// Two pages: the ES module with its types (index.html → src/main.ts) and the classic script
// through the package's `herald-client/global` subpath (classic.html → src/classic.js).
import { defineConfig } from 'vite';

export default defineConfig({
  logLevel: 'warn',
  build: {
    target: 'es2022',
    rollupOptions: { input: { main: 'index.html', classic: 'classic.html' } },
  },
});
