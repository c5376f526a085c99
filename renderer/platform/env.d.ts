/// <reference types="vite/client" />
import type { PlantaoBridge } from '../../shared/ipc';

declare global {
  interface ImportMetaEnv {
    /** Set at build time: 'electron' by electron.vite.config.ts, 'web' by vite.web.config.ts. */
    readonly VITE_PLANTAO_SHELL?: 'electron' | 'web';
    readonly VITE_PLANTAO_VERSION?: string;
  }

  interface Window {
    /** Exposed by electron/preload in the desktop build only. */
    readonly plantao?: PlantaoBridge;
  }
}
