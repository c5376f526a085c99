import {
  ipcContract,
  ipcEvents,
  type IpcChannel,
  type IpcEventName,
  type IpcEventPayload,
  type IpcRequest,
  type IpcResponse,
} from '../../shared/ipc';
import { validateIpcCall, type AllowedSenders, type SenderInfo } from './ipc-validation';

/** The handler for each channel, typed from the contract; `sender` is the WebContents that called. */
export type IpcHandlers<Sender> = {
  [C in IpcChannel]: (request: IpcRequest<C>, sender: Sender) => Promise<IpcResponse<C>> | IpcResponse<C>;
};

/** The fields of Electron's IpcMainInvokeEvent that the checks read. */
export type InvokeEventLike<Sender> = {
  sender: Sender & { id: number };
  senderFrame: { url: string; parent: unknown } | null;
};

export type IpcMainLike<Sender> = {
  handle(channel: string, listener: (event: InvokeEventLike<Sender>, payload?: unknown) => Promise<unknown>): void;
};

export function senderInfoOf(event: InvokeEventLike<unknown>): SenderInfo {
  return {
    webContentsId: event.sender.id,
    frameUrl: event.senderFrame?.url ?? null,
    isMainFrame: event.senderFrame !== null && event.senderFrame.parent === null,
  };
}

/**
 * Registers every contract channel with `ipcMain.handle`. A call from an unknown sender or with a malformed
 * payload is logged and rejected; a handler answer that breaks the contract is a bug and is rejected too.
 */
export function registerIpcHandlers<Sender>(
  ipcMain: IpcMainLike<Sender>,
  handlers: IpcHandlers<Sender>,
  allowed: () => AllowedSenders,
  log: (message: string) => void,
): void {
  for (const channel of Object.keys(ipcContract) as IpcChannel[]) {
    const handler = handlers[channel] as (request: unknown, sender: Sender) => unknown;
    ipcMain.handle(channel, async (event, payload) => {
      const checked = validateIpcCall(ipcContract, channel, payload, senderInfoOf(event), allowed());
      if (!checked.ok) {
        log(checked.error);
        throw new Error(checked.error);
      }
      const response = ipcContract[channel].response.safeParse(await handler(checked.value, event.sender));
      if (!response.success) {
        const message = `resposta fora do contrato em ${channel}: ${response.error.message}`;
        log(message);
        throw new Error(message);
      }
      return response.data;
    });
  }
}

/** Sends a main → renderer event, checked against its schema first. */
export function emitIpcEvent<E extends IpcEventName>(
  contents: { send(channel: string, payload: unknown): void },
  event: E,
  payload: IpcEventPayload<E>,
): void {
  contents.send(event, ipcEvents[event].parse(payload));
}
