import { z } from 'zod';

/** Settings of the desktop shell, read from the environment the app was started with. */
export const ShellConfigSchema = z.object({
  PLANTAO_SYNC_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:5984'),
  PLANTAO_IDLE_LOCK_MINUTES: z.coerce.number().int().min(1).max(480).default(15),
  ELECTRON_RENDERER_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export type ShellConfig = {
  syncServerOrigin: string;
  idleLimitSeconds: number;
  /** Set by electron-vite in development: the Vite dev server serving the renderer. */
  devServerUrl: string | undefined;
};

export function readShellConfig(env: Record<string, string | undefined>, isPackaged: boolean): ShellConfig {
  const parsed = ShellConfigSchema.parse(env);
  return {
    syncServerOrigin: new URL(parsed.PLANTAO_SYNC_URL).origin,
    idleLimitSeconds: parsed.PLANTAO_IDLE_LOCK_MINUTES * 60,
    // A packaged build never loads a dev server, whatever the environment says.
    devServerUrl: isPackaged ? undefined : parsed.ELECTRON_RENDERER_URL,
  };
}
