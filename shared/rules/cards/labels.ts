import type { CardReasonCode, CpfSituation, Fee, Handover } from '../../schemas';

/** pt-BR labels of the reason codes a clerk picks for a pendência, a reversal, a return or a resolution. */
export const CARD_REASON_LABELS: Record<CardReasonCode, string> = {
  cpf_irregular: 'CPF irregular',
  invalid_certificate: 'Certidão inválida',
  biometrics_failure: 'Falha na biometria',
  photo_quality: 'Foto sem qualidade',
  divergent_data: 'Dados divergentes',
  fee_unpaid: 'Taxa não paga',
  other: 'Outro motivo',
  data_entry_error: 'Erro de digitação',
  biometrics_recollection: 'Nova coleta de biometria',
  production_defect: 'Defeito de produção',
  misrouted_shipment: 'Lote enviado ao posto errado',
  holder_returned: 'Titular compareceu depois do prazo',
  not_picked_up: 'Não retirada no prazo',
  issue_resolved: 'Pendência resolvida',
};

export const HANDOVER_DOCUMENT_LABELS: Record<Handover['documentShown'], string> = {
  previous_rg: 'RG anterior',
  cnh: 'CNH',
  passport: 'Passaporte',
  work_card: 'Carteira de trabalho',
  professional_id: 'Carteira profissional',
  birth_certificate: 'Certidão de nascimento',
  other: 'Outro documento oficial',
};

export const HANDOVER_RECEIVER_LABELS: Record<Handover['receivedBy'], string> = {
  holder: 'O próprio titular',
  legal_representative: 'Representante legal',
};

export const CPF_SITUATION_TEXT: Record<CpfSituation, string> = {
  regular: 'Regular',
  pending_regularization: 'Pendente de regularização',
  suspended: 'Suspensa',
  cancelled: 'Cancelada',
  null: 'Nula',
};

const EXEMPTION_LABELS: Record<Extract<Fee, { status: 'exempt' }>['reason'], string> = {
  theft_report: 'boletim de ocorrência de furto/roubo',
  low_income: 'comprovante de baixa renda',
  natural_disaster: 'calamidade pública',
  court_order: 'ordem judicial',
};

const money = (cents: number): string => `R$ ${(cents / 100).toFixed(2).replace('.', ',')}`;

/** The fee as the clerk reads it on the card's detail. */
export function feeText(fee: Fee): string {
  switch (fee.status) {
    case 'free':
      return 'Gratuita (primeira via)';
    case 'paid':
      return `Paga: ${money(fee.amountCents)}`;
    case 'exempt':
      return `Isenta: ${EXEMPTION_LABELS[fee.reason]} (${fee.evidence})`;
    case 'due':
      return `A pagar: ${money(fee.amountCents)}`;
  }
}
