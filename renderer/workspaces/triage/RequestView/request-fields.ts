import type { Author, OccurrenceRequest } from '../../../../shared/schemas';

export type FieldRow = [label: string, value: string];
export interface FieldSection {
  title: string;
  /** Field paths shown, for the access log. */
  paths: string[];
  rows: FieldRow[];
}

const SEX: Record<string, string> = { female: 'Feminino', male: 'Masculino' };
const GENDER: Record<string, string> = { woman: 'Mulher', trans_woman: 'Mulher trans', man: 'Homem', trans_man: 'Homem trans', non_binary: 'Não binário', not_informed: 'Não informado' };
const CAPACITY: Record<string, string> = { self: 'Própria vítima', legal_representative: 'Representante legal' };
const FOREIGN_DOC: Record<string, string> = { passport: 'Passaporte', rne: 'RNE', rnm: 'RNM' };

const date = (iso: string) => iso.split('-').reverse().join('/');
const dateTime = (iso: string) => new Date(iso).toLocaleString('pt-BR', { timeZone: 'America/Sao_Paulo' });
const address = (a: { street: string; number?: string | undefined; complement?: string | undefined; district: string; municipality: string; uf: string; cep?: string | undefined }) =>
  [a.street, a.number, a.complement, a.district, `${a.municipality}/${a.uf}`, a.cep].filter(Boolean).join(', ');

const present = (rows: Array<[string, string | undefined]>): FieldRow[] => rows.filter((row): row is FieldRow => row[1] !== undefined && row[1] !== '');

const RELATION: Record<string, string> = {
  spouse: 'cônjuge', ex_spouse: 'ex-cônjuge', partner: 'companheiro(a)', ex_partner: 'ex-companheiro(a)', parent: 'pai/mãe', child: 'filho(a)',
  sibling: 'irmão(ã)', other_relative: 'outro parente', acquaintance: 'conhecido(a)', stranger: 'desconhecido(a)', unknown: 'não informado',
};

function describeAuthor(author: Author): string {
  return [
    author.name ?? 'Nome não informado',
    author.nickname && `vulgo ${author.nickname}`,
    author.sex && SEX[author.sex],
    author.approximateAge !== undefined && `~${author.approximateAge} anos`,
    author.relationshipToVictim && RELATION[author.relationshipToVictim],
    author.cpf && `CPF ${author.cpf}`,
    author.address && address(author.address),
    author.description,
  ]
    .filter(Boolean)
    .join(' — ');
}

/** Everything the citizen sent, in reading order, as label/value pairs (read-only display). */
export function requestSections(request: OccurrenceRequest): FieldSection[] {
  const { requester, fact } = request;
  const requesterRows: FieldRow[] =
    requester.kind === 'company'
      ? present([
          ['Razão social', requester.corporateName],
          ['Nome fantasia', requester.tradeName],
          ['CNPJ', requester.cnpj],
          ['Responsável', requester.contactPerson],
          ['Endereço', address(requester.address)],
        ])
      : present([
          ['Nome', requester.fullName],
          ['Nome social', requester.socialName],
          ['Qualidade', CAPACITY[requester.capacity]],
          ['Nascimento', date(requester.birthDate)],
          ['Sexo', SEX[requester.sex]],
          ['Identidade de gênero', GENDER[requester.genderIdentity]],
          ['Nacionalidade', requester.nationality],
          ['CPF', requester.cpf],
          ['RG', requester.kind === 'person_br' ? `${requester.rg.number} ${requester.rg.uf}` : undefined],
          ['Documento', requester.kind === 'person_foreign' ? `${FOREIGN_DOC[requester.document.kind]} ${requester.document.number}` : undefined],
          ['Endereço', address(requester.address)],
        ]);
  const sections: FieldSection[] = [
    { title: 'Solicitante', paths: ['requester'], rows: [...requesterRows, ...present([['E-mail', requester.email], ['Celular', requester.mobile]])] },
  ];
  if (request.victim) {
    const victim = request.victim;
    sections.push({ title: 'Vítima', paths: ['victim'], rows: present([['Nome', victim.fullName], ['Nome social', victim.socialName], ['Nascimento', date(victim.birthDate)], ['Sexo', SEX[victim.sex]]]) });
  }
  sections.push({
    title: 'Fato',
    paths: ['fact', 'natureCode'],
    rows: present([
      ['Início', dateTime(fact.startedAt)],
      ['Fim', fact.endedAt ? dateTime(fact.endedAt) : undefined],
      ['Local', address(fact.place)],
      ['Contexto doméstico/familiar', fact.domesticContext ? 'Sim' : 'Não'],
      ['Processo de medida protetiva', request.protectiveMeasureProcess],
      ['Atendimento médico', request.medicalCare ? `${request.medicalCare.unitName} — prontuário ${request.medicalCare.recordNumber}` : undefined],
    ]),
  });
  if (request.authors.length > 0) {
    sections.push({ title: `Autores (${request.authors.length})`, paths: ['authors'], rows: request.authors.map((author, index) => [`Autor ${index + 1}`, describeAuthor(author)]) });
  }
  if (request.witnesses.length > 0) {
    sections.push({ title: 'Testemunhas', paths: ['witnesses'], rows: request.witnesses.map((witness, index) => [`Testemunha ${index + 1}`, [witness.fullName, witness.phone].filter(Boolean).join(' — ')]) });
  }
  if (request.attachments.length > 0) {
    sections.push({ title: 'Anexos', paths: ['attachments'], rows: request.attachments.map((attachment) => [attachment.name, `${attachment.contentType}, ${Math.ceil(attachment.size / 1024)} KB`]) });
  }
  return sections;
}
