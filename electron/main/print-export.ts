import { writeFile } from 'node:fs/promises';
import { err, ok, type Result } from '../../shared/schemas/common';
import type { PdfExportOutcome } from '../../shared/ipc';

/** The parts of `WebContents` used to print (a small hand-made object stands in for it in tests). */
export type PrintableContents = {
  print(options: { silent: boolean; printBackground: boolean }, callback: (success: boolean, failureReason: string) => void): void;
  printToPDF(options: { printBackground: boolean; pageSize: 'A4'; landscape: boolean }): Promise<Buffer>;
};

/** `dialog.showSaveDialog` reduced to what the export needs. */
export type AskSavePath = (suggestedName: string) => Promise<string | null>;

export function printCurrent(contents: PrintableContents): Promise<Result<'printed' | 'cancelled'>> {
  return new Promise((resolve) => {
    contents.print({ silent: false, printBackground: true }, (success, failureReason) => {
      if (success) resolve(ok('printed'));
      else if (failureReason === 'cancelled') resolve(ok('cancelled'));
      else resolve(err(`Não foi possível imprimir: ${failureReason}.`));
    });
  });
}

/** Renders the current view to an A4 PDF and writes it where the user chose. */
export async function exportPdf(
  contents: PrintableContents,
  askSavePath: AskSavePath,
  suggestedName: string,
): Promise<Result<PdfExportOutcome>> {
  const fileName = suggestedName.toLowerCase().endsWith('.pdf') ? suggestedName : `${suggestedName}.pdf`;
  const path = await askSavePath(fileName);
  if (path === null) return ok({ status: 'cancelled' });
  try {
    const pdf = await contents.printToPDF({ printBackground: true, pageSize: 'A4', landscape: false });
    await writeFile(path, pdf);
  } catch (error) {
    return err(`Não foi possível exportar o PDF: ${(error as Error).message}`);
  }
  return ok({ status: 'saved', path });
}
