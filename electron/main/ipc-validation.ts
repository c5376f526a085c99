import type { z } from 'zod';
import { err, ok, type Result } from '../../shared/schemas/common';
import { isAppUrl } from './app-origin';

export type ContractLike = Record<string, { request: z.ZodType; response: z.ZodType }>;

/** What the main process knows about who sent an IPC message. */
export type SenderInfo = {
  webContentsId: number;
  /** `event.senderFrame.url`; null when the frame navigated away or was destroyed. */
  frameUrl: string | null;
  /** The sending frame is its window's top frame (not an iframe). */
  isMainFrame: boolean;
};

export type AllowedSenders = {
  appOrigin: string;
  /** `webContents.id` of the windows this app created. */
  webContentsIds: ReadonlySet<number>;
};

/** Checks the channel, the sender and the payload of one IPC call; the parsed payload on success. */
export function validateIpcCall(
  contract: ContractLike,
  channel: string,
  payload: unknown,
  sender: SenderInfo,
  allowed: AllowedSenders,
): Result<unknown> {
  if (!Object.hasOwn(contract, channel)) return err(`canal IPC desconhecido: ${channel}`);
  if (!allowed.webContentsIds.has(sender.webContentsId)) {
    return err(`IPC recusado (${channel}): a mensagem não veio de uma janela do Plantão`);
  }
  if (!sender.isMainFrame || sender.frameUrl === null || !isAppUrl(sender.frameUrl, allowed.appOrigin)) {
    return err(`IPC recusado (${channel}): remetente inesperado ${sender.frameUrl ?? '(quadro destruído)'}`);
  }
  const parsed = contract[channel]!.request.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
    return err(`IPC recusado (${channel}): mensagem malformada — ${issues.join('; ')}`);
  }
  return ok(parsed.data);
}
