import type { ReasonTemplate } from '../schemas';
import type { RequestFlagCode } from '../rules/request-flags';

type TemplateRow = Pick<ReasonTemplate, 'code' | 'appliesTo' | 'label' | 'orientationText'>;

/** Orientation texts e-mailed to the citizen with a rejection or a hold (supervisors may edit them). */
const ROWS: TemplateRow[] = [
  {
    code: 'in_person_required',
    appliesTo: 'rejected',
    label: 'Registro presencial em unidade policial',
    orientationText:
      'Prezado(a) cidadão(ã), analisamos a sua solicitação e verificamos que este caso não pode ser registrado pela Delegacia Virtual. ' +
      'Por favor, dirija-se à unidade da Polícia Civil mais próxima, levando um documento de identificação com foto e as informações do fato, ' +
      'para que o registro seja feito presencialmente.',
  },
  {
    code: 'flagrante_emergency',
    appliesTo: 'rejected',
    label: 'Flagrante ou emergência: ligar 190 ou 197',
    orientationText:
      'Prezado(a) cidadão(ã), a sua solicitação descreve uma situação que está acontecendo agora ou que exige atendimento imediato, ' +
      'e a Delegacia Virtual não faz atendimento de emergência. Em caso de flagrante ou de risco à vida, ligue imediatamente para 190 ' +
      '(Polícia Militar) ou 197 (Polícia Civil). As ligações são gratuitas e funcionam 24 horas por dia.',
  },
  {
    code: 'anonymous_tip',
    appliesTo: 'rejected',
    label: 'Denúncia anônima: Disque-Denúncia 181',
    orientationText:
      'Prezado(a) cidadão(ã), a Delegacia Virtual registra ocorrências em que o solicitante se identifica. Para fazer uma denúncia sem se ' +
      'identificar, ligue para o Disque-Denúncia Unificado, no número 181. A ligação é gratuita e o sigilo da sua identidade é garantido.',
  },
  {
    code: 'third_party_filing',
    appliesTo: 'rejected',
    label: 'Registro feito por terceiro',
    orientationText:
      'Prezado(a) cidadão(ã), a ocorrência deve ser registrada pela própria vítima ou, no caso de criança, adolescente ou pessoa incapaz, ' +
      'por seu representante legal. Como esta solicitação foi feita por outra pessoa, ela não pode ser aceita. Oriente a vítima a fazer o ' +
      'registro pela Delegacia Virtual ou a comparecer a uma unidade policial.',
  },
  {
    code: 'too_many_authors',
    appliesTo: 'rejected',
    label: 'Mais de três autores',
    orientationText:
      'Prezado(a) cidadão(ã), fatos com mais de três autores não podem ser registrados pela Delegacia Virtual. Por favor, compareça à ' +
      'unidade da Polícia Civil mais próxima, com um documento de identificação com foto, para fazer o registro presencialmente.',
  },
  {
    code: 'fact_outside_state',
    appliesTo: 'rejected',
    label: 'Fato ocorrido em outro estado',
    orientationText:
      'Prezado(a) cidadão(ã), a Delegacia Virtual registra apenas fatos ocorridos neste estado. Como o fato informado aconteceu em outro ' +
      'estado, procure a delegacia virtual ou uma unidade policial do estado onde ele ocorreu.',
  },
  {
    code: 'nature_not_online',
    appliesTo: 'rejected',
    label: 'Natureza não atendida pela internet',
    orientationText:
      'Prezado(a) cidadão(ã), o tipo de ocorrência informado não pode ser registrado pela internet. Por favor, compareça à unidade ' +
      'policial mais próxima para o registro presencial. Em caso de emergência, ligue 190.',
  },
  {
    code: 'duplicate_request',
    appliesTo: 'rejected',
    label: 'Fato já comunicado ou já registrado',
    orientationText:
      'Prezado(a) cidadão(ã), verificamos que este fato já foi comunicado em outra solicitação ou já consta de uma ocorrência registrada. ' +
      'Para evitar registros em duplicidade, esta solicitação foi encerrada. Acompanhe a solicitação anterior pelo número de protocolo ' +
      'recebido por e-mail; se precisar acrescentar informações, compareça a uma unidade policial.',
  },
  {
    code: 'domestic_violence_not_eligible',
    appliesTo: 'rejected',
    label: 'Violência doméstica fora dos casos atendidos on-line',
    orientationText:
      'Prezado(a) cidadão(ã), pela Delegacia Virtual, a violência doméstica e familiar só pode ser registrada quando a vítima é mulher, ' +
      'criança ou adolescente (por meio do representante legal) ou pessoa com 60 anos ou mais, e o fato ocorreu no contexto doméstico ou ' +
      'familiar. Por favor, compareça a uma unidade da Polícia Civil para registrar o fato presencialmente. Em caso de risco imediato, ligue 190.',
  },
  {
    code: 'missing_information',
    appliesTo: 'on_hold',
    label: 'Informações incompletas',
    orientationText:
      'Prezado(a) cidadão(ã), para dar andamento à sua solicitação precisamos de mais informações sobre o fato, conforme indicado abaixo ' +
      'pelo analista. Por favor, responda a esta mensagem com as informações pedidas. A solicitação fica suspensa até recebermos a sua resposta.',
  },
  {
    code: 'illegible_attachment',
    appliesTo: 'on_hold',
    label: 'Anexo ilegível',
    orientationText:
      'Prezado(a) cidadão(ã), não conseguimos ler um ou mais arquivos anexados à sua solicitação. Por favor, envie novamente o documento ' +
      'em boa resolução (foto nítida ou arquivo PDF), mostrando todas as informações. A solicitação fica suspensa até recebermos o novo arquivo.',
  },
  {
    code: 'confirm_contact',
    appliesTo: 'on_hold',
    label: 'Confirmar dados de contato',
    orientationText:
      'Prezado(a) cidadão(ã), precisamos confirmar que foi você quem fez esta solicitação. Por favor, responda a esta mensagem confirmando ' +
      'o seu nome completo e o número do seu celular com DDD. A solicitação fica suspensa até a confirmação.',
  },
];

export const REASON_TEMPLATES: readonly ReasonTemplate[] = ROWS.map((row) => ({ type: 'reason_template', schemaVersion: 1, ...row, active: true }));

/** The template a triage officer is offered first when a request carries a blocking flag. */
export const REASON_CODE_FOR_FLAG: Partial<Record<RequestFlagCode, string>> = {
  too_many_authors: 'too_many_authors',
  fact_outside_state: 'fact_outside_state',
  nature_not_accepted_online: 'nature_not_online',
  nature_unknown: 'nature_not_online',
  domestic_violence_not_eligible: 'domestic_violence_not_eligible',
  requester_minor: 'third_party_filing',
  representative_without_victim: 'missing_information',
  contact_missing: 'confirm_contact',
  email_invalid: 'confirm_contact',
  mobile_invalid: 'confirm_contact',
  cpf_invalid: 'missing_information',
  cnpj_invalid: 'missing_information',
  rg_invalid: 'missing_information',
  fact_in_future: 'missing_information',
};
