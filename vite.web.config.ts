import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

/** The browser build of the console (`npm start` fallback when no Electron binary is available). */
export default defineConfig({
  root: resolve(root, 'renderer'),
  base: './',
  plugins: [react()],
  define: {
    'import.meta.env.VITE_PLANTAO_SHELL': JSON.stringify('web'),
    'import.meta.env.VITE_PLANTAO_VERSION': JSON.stringify(version),
  },
  build: { outDir: resolve(root, 'dist/web'), emptyOutDir: true },
});
