import { describe, expect, it } from 'vitest';
import { buildWindowOptions } from './window-options';

describe('buildWindowOptions', () => {
  it('isolates the renderer: sandbox, context isolation, no Node, web security on, no spellcheck', () => {
    const options = buildWindowOptions({ preloadPath: '/app/out/preload/index.cjs' });
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('starts hidden so the page never flashes before it is ready', () => {
    expect(buildWindowOptions({ preloadPath: '/p.cjs' }).show).toBe(false);
  });
});
