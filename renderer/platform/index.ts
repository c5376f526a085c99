import { createElectronPlatform } from './platform.electron';
import { createWebPlatform } from './platform.web';
import type { Platform } from './platform';

export type { Platform } from './platform';

function pickPlatform(): Platform {
  // A build-time constant: the bundler drops the branch (and its module) the build does not use.
  if (import.meta.env.VITE_PLANTAO_SHELL === 'electron') {
    if (!window.plantao) throw new Error('A ponte do Electron (window.plantao) não foi carregada.');
    return createElectronPlatform(window.plantao);
  }
  return createWebPlatform(
    { ...windowHost(), sessionStorage: sessionStorageOrNull() },
    { version: import.meta.env.VITE_PLANTAO_VERSION ?? '0.0.0-dev' },
  );
}

function windowHost() {
  return {
    print: () => window.print(),
    open: (url?: string | URL, target?: string, features?: string) => window.open(url, target, features),
    setTimeout: window.setTimeout.bind(window),
    clearTimeout: window.clearTimeout.bind(window),
    document,
    navigator,
  };
}

/** Some privacy modes throw on storage access: fall back to memory rather than to localStorage. */
function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export const platform: Platform = pickPlatform();
