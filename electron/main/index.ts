import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, safeStorage, session, shell } from 'electron';
import type { IpcEventName, IpcEventPayload } from '../../shared/ipc';
import { APP_SCHEME, appEntryUrl, appOriginFor } from './app-origin';
import { serveAppAsset } from './app-protocol';
import { createCredentialStore } from './credential-store';
import { buildContentSecurityPolicy } from '../../shared/web/content-security-policy';
import { withContentSecurityPolicy } from './csp';
import { createIdleLock } from './idle-lock';
import { createIpcHandlers } from './ipc-handlers';
import { emitIpcEvent, registerIpcHandlers } from './ipc-registry';
import { buildMenuTemplate } from './menu';
import { decideWindowOpen, denyPermissionCheck, denyPermissionRequest, isNavigationAllowed } from './navigation-guard';
import { readShellConfig } from './shell-config';
import { buildWindowOptions } from './window-options';

const IDLE_POLL_MS = 15_000;

// Must run before `ready`: makes app:// a standard, secure origin so 'self' and fetch behave as for https.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const config = readShellConfig(process.env, app.isPackaged);
const dev = config.devServerUrl !== undefined;
const appOrigin = appOriginFor(config.devServerUrl);
const contentSecurityPolicy = buildContentSecurityPolicy({ syncServerOrigin: config.syncServerOrigin, dev });
const rendererDir = join(import.meta.dirname, '../renderer');
const ourWebContents = new Set<number>();
let mainWindow: BrowserWindow | null = null;

function emitToWindow<E extends IpcEventName>(event: E, payload: IpcEventPayload<E>): void {
  if (mainWindow && !mainWindow.isDestroyed()) emitIpcEvent(mainWindow.webContents, event, payload);
}

function createWindow(): void {
  const window = new BrowserWindow(buildWindowOptions({ preloadPath: join(import.meta.dirname, '../preload/index.cjs') }));
  const contentsId = window.webContents.id;
  ourWebContents.add(contentsId);
  window.on('closed', () => {
    ourWebContents.delete(contentsId);
    mainWindow = null;
  });
  window.once('ready-to-show', () => window.show());
  mainWindow = window;
  void window.loadURL(appEntryUrl(config.devServerUrl));
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

// Every web contents, ours or not: no navigation away from the app, no new windows, no <webview>.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => {
    if (!isNavigationAllowed(event.url, appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });
});

async function start(): Promise<void> {
  await app.whenReady();
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(denyPermissionRequest);
  ses.setPermissionCheckHandler(denyPermissionCheck);
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withContentSecurityPolicy(details.url, details.responseHeaders, appOrigin, contentSecurityPolicy) }),
  );
  protocol.handle(APP_SCHEME, (request) => serveAppAsset(request.url, rendererDir, contentSecurityPolicy));

  const idleLock = createIdleLock({
    idleLimitSeconds: config.idleLimitSeconds,
    getSystemIdleSeconds: () => powerMonitor.getSystemIdleTime(),
    nowMs: Date.now,
    onLock: (reason) => emitToWindow('session:locked', { reason }),
  });
  setInterval(() => idleLock.check(), IDLE_POLL_MS);
  powerMonitor.on('lock-screen', () => idleLock.lockNow('system-lock'));
  powerMonitor.on('suspend', () => idleLock.lockNow('suspend'));

  registerIpcHandlers(
    ipcMain,
    createIpcHandlers({
      credentials: createCredentialStore({ safeStorage, filePath: join(app.getPath('userData'), 'session-credential.bin') }),
      askSavePath: async (fileName) => {
        const options = {
          title: 'Exportar PDF',
          buttonLabel: 'Salvar',
          defaultPath: join(app.getPath('documents'), fileName),
          filters: [{ name: 'Documento PDF', extensions: ['pdf'] }],
        };
        const choice = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return choice.canceled || !choice.filePath ? null : choice.filePath;
      },
      openExternal: (url) => shell.openExternal(url),
      appInfo: { version: app.getVersion(), platform: process.platform, shell: 'electron', syncServerOrigin: config.syncServerOrigin },
      idleLock,
    }),
    () => ({ appOrigin, webContentsIds: ourWebContents }),
    (message) => console.warn(`[ipc] ${message}`),
  );

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(
        { isDev: dev, isMac: process.platform === 'darwin' },
        { sendCommand: (command) => emitToWindow('menu:command', { command }), lockSession: () => idleLock.lockNow('menu') },
      ),
    ),
  );
  createWindow();
}

if (app.requestSingleInstanceLock()) {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => app.quit());
  void start();
} else {
  app.quit();
}
