import type { IpcEventPayload, IpcRequest, IpcResponse } from '../../shared/ipc';

type Unsubscribe = () => void;

/**
 * What the React app may ask of the shell it runs in. Every type comes from the shared IPC contract, so the
 * Electron and browser implementations answer exactly what main would.
 */
export type Platform = {
  saveCredential(credential: IpcRequest<'credential:save'>['credential']): Promise<IpcResponse<'credential:save'>>;
  loadCredential(): Promise<IpcResponse<'credential:load'>>;
  clearCredential(): Promise<IpcResponse<'credential:clear'>>;
  printCurrent(): Promise<IpcResponse<'print:current'>>;
  exportPdf(suggestedName: IpcRequest<'pdf:export'>['suggestedName']): Promise<IpcResponse<'pdf:export'>>;
  openExternal(url: IpcRequest<'external:open'>['url']): Promise<IpcResponse<'external:open'>>;
  appInfo(): Promise<IpcResponse<'app:info'>>;
  /** Input seen by the app; keeps the idle lock from firing. Cheap to call often (throttled). */
  reportActivity(): void;
  onSessionLocked(listener: (payload: IpcEventPayload<'session:locked'>) => void): Unsubscribe;
  onMenuCommand(listener: (payload: IpcEventPayload<'menu:command'>) => void): Unsubscribe;
};

/** Activity reports go out at most this often. */
export const ACTIVITY_THROTTLE_MS = 5_000;
