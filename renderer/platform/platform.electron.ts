import type { PlantaoBridge } from '../../shared/ipc';
import { ACTIVITY_THROTTLE_MS, type Platform } from './platform';

/** The desktop shell: every call goes through the preload's `window.plantao` bridge. */
export function createElectronPlatform(bridge: PlantaoBridge, now: () => number = Date.now): Platform {
  let lastActivityReport = Number.NEGATIVE_INFINITY;
  return {
    saveCredential: (credential) => bridge.invoke('credential:save', { credential }),
    loadCredential: () => bridge.invoke('credential:load'),
    clearCredential: () => bridge.invoke('credential:clear'),
    printCurrent: () => bridge.invoke('print:current'),
    exportPdf: (suggestedName) => bridge.invoke('pdf:export', { suggestedName }),
    openExternal: (url) => bridge.invoke('external:open', { url }),
    appInfo: () => bridge.invoke('app:info'),
    reportActivity: () => {
      if (now() - lastActivityReport < ACTIVITY_THROTTLE_MS) return;
      lastActivityReport = now();
      void bridge.invoke('idle:activity');
    },
    onSessionLocked: (listener) => bridge.on('session:locked', listener),
    onMenuCommand: (listener) => bridge.on('menu:command', listener),
  };
}
