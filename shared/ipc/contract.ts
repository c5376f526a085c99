import { z } from 'zod';

/** Expected failures travel as a Result (see shared/schemas/common.ts); only contract violations reject. */
const resultOf = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: z.string().min(1) }),
  ]);

const NoPayloadSchema = z.undefined();

/** The session token handed out by the sync server; opaque to the shell. */
export const CredentialSchema = z.string().min(1).max(16_384);

/** A bare file name: no folders, no control or reserved characters, so the save dialog cannot be steered elsewhere. */
export const PdfFileNameSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[^\\/:*?"<>|]+$/, 'nome de arquivo inválido')
  .refine((name) => name !== '.' && name !== '..' && ![...name].some((char) => char.charCodeAt(0) < 0x20), 'nome de arquivo inválido');

export const ExternalUrlSchema = z.string().min(1).max(2_048);

export const PrintOutcomeSchema = z.enum(['printed', 'cancelled']);

export const PdfExportOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), path: z.string().min(1) }),
  z.object({ status: z.literal('cancelled') }),
  // The browser build cannot write files: it hands the view to the print dialog ("Salvar como PDF").
  z.object({ status: z.literal('print-dialog') }),
]);

export const AppInfoSchema = z.object({
  version: z.string().min(1),
  platform: z.string().min(1),
  shell: z.enum(['electron', 'web']),
  /** The only sync server the shell's CSP lets the page reach; null where the shell does not pin one (browser build). */
  syncServerOrigin: z.string().min(1).nullable(),
});

export const SessionLockedSchema = z.object({ reason: z.enum(['idle', 'system-lock', 'suspend', 'menu']) });

export const MenuCommandSchema = z.object({ command: z.enum(['print', 'export-pdf', 'about']) });

/** Renderer → main calls (ipcRenderer.invoke / ipcMain.handle): request and response of each channel. */
export const ipcContract = {
  'credential:save': { request: z.strictObject({ credential: CredentialSchema }), response: resultOf(z.null()) },
  'credential:load': { request: NoPayloadSchema, response: resultOf(CredentialSchema.nullable()) },
  'credential:clear': { request: NoPayloadSchema, response: resultOf(z.null()) },
  'print:current': { request: NoPayloadSchema, response: resultOf(PrintOutcomeSchema) },
  'pdf:export': { request: z.strictObject({ suggestedName: PdfFileNameSchema }), response: resultOf(PdfExportOutcomeSchema) },
  'external:open': { request: z.strictObject({ url: ExternalUrlSchema }), response: resultOf(z.null()) },
  'app:info': { request: NoPayloadSchema, response: AppInfoSchema },
  'idle:activity': { request: NoPayloadSchema, response: z.null() },
} as const;

/** Main → renderer events (webContents.send / ipcRenderer.on). */
export const ipcEvents = {
  'session:locked': SessionLockedSchema,
  'menu:command': MenuCommandSchema,
} as const;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export type IpcRequest<C extends IpcChannel> = z.infer<IpcContract[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.infer<IpcContract[C]['response']>;

export type IpcEventName = keyof typeof ipcEvents;
export type IpcEventPayload<E extends IpcEventName> = z.infer<(typeof ipcEvents)[E]>;

export type AppInfo = z.infer<typeof AppInfoSchema>;
export type PdfExportOutcome = z.infer<typeof PdfExportOutcomeSchema>;
export type SessionLocked = z.infer<typeof SessionLockedSchema>;
export type MenuCommand = z.infer<typeof MenuCommandSchema>;

/** Channels whose request carries no payload are invoked without an argument. */
type InvokeArgs<C extends IpcChannel> = IpcRequest<C> extends undefined ? [] : [request: IpcRequest<C>];

/** The one object the preload exposes as `window.plantao`. */
export type PlantaoBridge = {
  invoke<C extends IpcChannel>(channel: C, ...args: InvokeArgs<C>): Promise<IpcResponse<C>>;
  /** Returns the function that removes the listener. */
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void;
};
