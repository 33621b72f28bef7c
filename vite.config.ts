import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Builds the renderer (src/renderer) into dist/renderer. The same bundle is loaded by Electron
// (file://, bridge from the preload) and by a browser from web-host (bridge over WebSocket).
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../../dist/renderer', emptyOutDir: true, sourcemap: true },
});
