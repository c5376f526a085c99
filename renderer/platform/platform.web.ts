import type { AppInfo, IpcEventPayload } from '../../shared/ipc';
import type { Platform } from './platform';

const CREDENTIAL_KEY = 'plantao.credential';
const DEFAULT_IDLE_LIMIT_MS = 15 * 60_000;

/** The browser APIs the fallback uses, injected so tests can hand in their own window. */
export type WebHost = Pick<Window, 'print' | 'open' | 'setTimeout' | 'clearTimeout'> & {
  /** sessionStorage, or null to keep the credential in memory only. Never localStorage: it outlives the session. */
  sessionStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  document: { title: string };
  navigator: { userAgent: string };
};

export type WebPlatformOptions = { version: string; idleLimitMs?: number };

/**
 * The browser build served by `npm start`: no OS keychain, no file dialog, no main process.
 * Printing and PDF both use the print dialog ("Salvar como PDF"); the idle lock is a timer in the page.
 */
export function createWebPlatform(host: WebHost, { version, idleLimitMs = DEFAULT_IDLE_LIMIT_MS }: WebPlatformOptions): Platform {
  let memoryCredential: string | null = null;
  const lockListeners = new Set<(payload: IpcEventPayload<'session:locked'>) => void>();
  let idleTimer: number | undefined;

  const armIdleTimer = () => {
    if (idleTimer !== undefined) host.clearTimeout(idleTimer);
    idleTimer = host.setTimeout(() => lockListeners.forEach((listener) => listener({ reason: 'idle' })), idleLimitMs);
  };
  const info: AppInfo = { version, platform: host.navigator.userAgent || 'navegador', shell: 'web', syncServerOrigin: null };

  return {
    saveCredential: async (credential) => {
      if (host.sessionStorage) host.sessionStorage.setItem(CREDENTIAL_KEY, credential);
      else memoryCredential = credential;
      return { ok: true, value: null };
    },
    loadCredential: async () => ({ ok: true, value: host.sessionStorage ? host.sessionStorage.getItem(CREDENTIAL_KEY) : memoryCredential }),
    clearCredential: async () => {
      host.sessionStorage?.removeItem(CREDENTIAL_KEY);
      memoryCredential = null;
      return { ok: true, value: null };
    },
    printCurrent: async () => {
      host.print();
      return { ok: true, value: 'printed' };
    },
    exportPdf: async (suggestedName) => {
      // Browsers name the saved PDF after the document title.
      const title = host.document.title;
      host.document.title = suggestedName.replace(/\.pdf$/i, '');
      try {
        host.print();
      } finally {
        host.document.title = title;
      }
      return { ok: true, value: { status: 'print-dialog' } };
    },
    openExternal: async (url) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return { ok: false, error: 'Endereço inválido.' };
      }
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        return { ok: false, error: 'Só é possível abrir endereços http ou https.' };
      }
      host.open(parsed.href, '_blank', 'noopener,noreferrer');
      return { ok: true, value: null };
    },
    appInfo: async () => info,
    reportActivity: armIdleTimer,
    onSessionLocked: (listener) => {
      lockListeners.add(listener);
      if (idleTimer === undefined) armIdleTimer();
      return () => {
        lockListeners.delete(listener);
      };
    },
    // The browser has no application menu; the app's own buttons call print/export directly.
    onMenuCommand: () => () => undefined,
  };
}
