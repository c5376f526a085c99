import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

export interface ReceiptContent {
  redsNumber: string;
  protocol: string;
  natureLabel: string;
  decidedAt: string;
  unitName: string;
}

const INSTRUCTIONS = [
  'Como acessar e imprimir o seu registro:',
  '1. O número REDS acima foi enviado ao e-mail informado na solicitação.',
  '2. Acesse o site da Delegacia Virtual, opção "Consultar registro".',
  '3. Informe o número REDS e o número de protocolo para ver e imprimir o registro.',
  'Este comprovante tem validade junto a órgãos públicos e empresas.',
];

/** The citizen's receipt of a validated request: REDS number, protocol, nature, date and how to print it. */
export async function receiptPdf(content: ReceiptContent): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Registro REDS ${content.redsNumber}`);
  const page = pdf.addPage([595, 842]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let y = 780;
  const line = (text: string, size = 12, font = regular, gap = 22) => {
    page.drawText(text, { x: 56, y, size, font, color: rgb(0.1, 0.1, 0.1) });
    y -= gap;
  };
  line('Delegacia Virtual — comprovante de registro', 16, bold, 30);
  line(content.unitName, 11, regular, 34);
  line(`Número REDS: ${content.redsNumber}`, 18, bold, 34);
  line(`Protocolo da solicitação: ${content.protocol}`);
  line(`Natureza: ${content.natureLabel}`);
  line(`Data do registro: ${new Date(content.decidedAt).toLocaleString('pt-BR', { timeZone: 'America/Sao_Paulo' })}`, 12, regular, 40);
  INSTRUCTIONS.forEach((text, index) => line(text, 11, index === 0 ? bold : regular, 18));
  return pdf.save();
}

/** Saves the receipt through the browser's download (Electron shows its save dialog). */
export async function downloadReceipt(content: ReceiptContent): Promise<void> {
  const bytes = await receiptPdf(content);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = `registro-${content.redsNumber}.pdf`;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
