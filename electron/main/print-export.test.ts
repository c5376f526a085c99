import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportPdf, printCurrent, type PrintableContents } from './print-export';

/** A hand-made stand-in for WebContents: Electron's renderer cannot run here. */
function fakeContents(printResult: [boolean, string], pdf: Buffer | Error = Buffer.from('%PDF-1.7\n')) {
  const calls: unknown[] = [];
  const contents: PrintableContents = {
    print: (options, callback) => {
      calls.push(options);
      callback(...printResult);
    },
    printToPDF: async (options) => {
      calls.push(options);
      if (pdf instanceof Error) throw pdf;
      return pdf;
    },
  };
  return { contents, calls };
}

describe('printCurrent', () => {
  it('opens the system print dialog and reports printed, cancelled or a pt-BR failure', async () => {
    const printed = fakeContents([true, '']);
    expect(await printCurrent(printed.contents)).toEqual({ ok: true, value: 'printed' });
    expect(printed.calls).toEqual([{ silent: false, printBackground: true }]);
    expect(await printCurrent(fakeContents([false, 'cancelled']).contents)).toEqual({ ok: true, value: 'cancelled' });
    expect(await printCurrent(fakeContents([false, 'failed']).contents)).toEqual({ ok: false, error: 'Não foi possível imprimir: failed.' });
  });
});

describe('exportPdf', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plantao-pdf-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the rendered A4 PDF where the user chose, suggesting a .pdf name', async () => {
    const { contents, calls } = fakeContents([true, '']);
    const suggested: string[] = [];
    const target = join(dir, 'fila.pdf');
    const result = await exportPdf(contents, async (name) => (suggested.push(name), target), 'fila DV-2026-00000001');
    expect(result).toEqual({ ok: true, value: { status: 'saved', path: target } });
    expect(suggested).toEqual(['fila DV-2026-00000001.pdf']);
    expect(calls).toEqual([{ printBackground: true, pageSize: 'A4', landscape: false }]);
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.7\n');
  });

  it('renders nothing when the save dialog is cancelled', async () => {
    const { contents, calls } = fakeContents([true, '']);
    expect(await exportPdf(contents, async () => null, 'fila.pdf')).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(calls).toEqual([]);
  });

  it('reports a rendering or writing failure', async () => {
    const failing = fakeContents([true, ''], new Error('renderer gone'));
    expect(await exportPdf(failing.contents, async () => join(dir, 'x.pdf'), 'x')).toEqual({
      ok: false,
      error: 'Não foi possível exportar o PDF: renderer gone',
    });
    const result = await exportPdf(fakeContents([true, '']).contents, async () => join(dir, 'missing-folder', 'x.pdf'), 'x');
    expect(result.ok).toBe(false);
  });
});
