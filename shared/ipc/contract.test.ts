import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from './channels';
import { ipcContract, ipcEvents, PdfFileNameSchema } from './contract';

describe('IPC contract', () => {
  it('lists exactly the contract channels for the preload allow-list', () => {
    expect([...INVOKE_CHANNELS].sort()).toEqual(Object.keys(ipcContract).sort());
    expect([...EVENT_CHANNELS].sort()).toEqual(Object.keys(ipcEvents).sort());
  });

  it('accepts a plain PDF file name and refuses paths and reserved characters', () => {
    expect(PdfFileNameSchema.safeParse('solicitacao DV-2026-00000001.pdf').success).toBe(true);
    for (const name of ['../segredo.pdf', 'a/b.pdf', 'C:\\x.pdf', 'a\u0000.pdf', '..', '', 'x'.repeat(121)]) {
      expect(PdfFileNameSchema.safeParse(name).success, name).toBe(false);
    }
  });

  it('refuses an extra payload on a channel that takes none', () => {
    expect(ipcContract['app:info'].request.safeParse({ x: 1 }).success).toBe(false);
    expect(ipcContract['app:info'].request.safeParse(undefined).success).toBe(true);
  });
});
