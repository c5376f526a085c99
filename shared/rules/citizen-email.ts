import { err, ok, type Decision, type OccurrenceRequest, type Result } from '../schemas';

export interface CitizenEmail {
  to: string;
  subject: string;
  text: string;
}

export interface CitizenEmailOptions {
  /** Where the citizen looks the request up and prints the occurrence (the portal's tracking page). */
  portalUrl: string;
}

const greeting = (request: OccurrenceRequest): string => {
  const requester = request.requester;
  const name = requester.kind === 'company' ? requester.corporateName : (requester.socialName ?? requester.fullName);
  return `Prezado(a) ${name},`;
};

const SIGNATURE = ['Atenciosamente,', 'Delegacia Virtual — Polícia Civil', '', 'Esta é uma mensagem automática; não responda a este e-mail.'];

function validatedBody(decision: Decision, request: OccurrenceRequest, options: CitizenEmailOptions): string[] {
  return [
    `Sua solicitação de registro ${request.protocol} foi validada e registrada sob o número REDS ${decision.redsNumber ?? ''}.`,
    '',
    'Para consultar e imprimir o registro:',
    `1. Acesse ${options.portalUrl} e escolha "Consultar registro".`,
    `2. Informe o número REDS ${decision.redsNumber ?? ''} e os dados do solicitante (nome, documento e data de nascimento, ou razão social e CNPJ).`,
    '3. Abra o registro e use a opção "Imprimir" ou salve-o em PDF.',
    '',
    'Guarde este número: ele identifica a ocorrência em todos os órgãos de segurança pública.',
  ];
}

function orientationBody(decision: Decision, request: OccurrenceRequest, options: CitizenEmailOptions): string[] {
  const opening =
    decision.outcome === 'rejected'
      ? `Sua solicitação de registro ${request.protocol} não pôde ser registrada pela Delegacia Virtual.`
      : `Sua solicitação de registro ${request.protocol} está sobrestada: precisamos de informações suas para continuar.`;
  return [
    opening,
    '',
    'Orientação da equipe de triagem:',
    decision.orientationText?.trim() ?? '',
    '',
    `Acompanhe a solicitação em ${options.portalUrl} com o número de protocolo ${request.protocol}.`,
  ];
}

/**
 * The e-mail a decision sends to the citizen (pt-BR): validated → the REDS number and how to see and print
 * the occurrence; rejected or on hold → the orientation text. A resumed triage sends nothing, and a request
 * without an e-mail address cannot be told.
 */
export function citizenEmail(decision: Decision, request: OccurrenceRequest, options: CitizenEmailOptions): Result<CitizenEmail> {
  if (decision.outcome === 'resumed') return err('A retomada da triagem não gera e-mail ao cidadão.');
  const to = request.requester.email?.trim();
  if (!to) return err('Solicitante sem e-mail cadastrado.');
  const subject =
    decision.outcome === 'validated'
      ? `Delegacia Virtual: registro ${decision.redsNumber ?? ''} (protocolo ${request.protocol})`
      : decision.outcome === 'rejected'
        ? `Delegacia Virtual: solicitação ${request.protocol} não registrada — orientações`
        : `Delegacia Virtual: solicitação ${request.protocol} aguarda informações`;
  const body = decision.outcome === 'validated' ? validatedBody(decision, request, options) : orientationBody(decision, request, options);
  return ok({ to, subject, text: [greeting(request), '', ...body, '', ...SIGNATURE].join('\n') });
}

/** Whether a decision outcome e-mails the citizen at all. */
export const decisionEmailsCitizen = (outcome: Decision['outcome']): boolean => outcome !== 'resumed';
