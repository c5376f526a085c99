import { ok } from '../../shared/schemas/common';
import type { AppInfo } from '../../shared/ipc';
import type { CredentialStore } from './credential-store';
import type { IdleLock } from './idle-lock';
import type { IpcHandlers } from './ipc-registry';
import { parseExternalUrl } from './navigation-guard';
import { exportPdf, printCurrent, type AskSavePath, type PrintableContents } from './print-export';

export type IpcHandlerDeps = {
  credentials: CredentialStore;
  askSavePath: AskSavePath;
  /** `shell.openExternal`. */
  openExternal: (url: string) => Promise<void>;
  appInfo: AppInfo;
  idleLock: IdleLock;
};

export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers<PrintableContents> {
  return {
    'credential:save': ({ credential }) => deps.credentials.save(credential),
    'credential:load': () => deps.credentials.load(),
    'credential:clear': () => deps.credentials.clear(),
    'print:current': (_request, sender) => printCurrent(sender),
    'pdf:export': ({ suggestedName }, sender) => exportPdf(sender, deps.askSavePath, suggestedName),
    'external:open': async ({ url }) => {
      const checked = parseExternalUrl(url);
      if (!checked.ok) return checked;
      await deps.openExternal(checked.value);
      return ok(null);
    },
    'app:info': () => deps.appInfo,
    'idle:activity': () => {
      deps.idleLock.recordActivity();
      return null;
    },
  };
}
