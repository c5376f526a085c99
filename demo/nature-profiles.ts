import type { FactPlace } from '../shared/schemas';

type PlaceKind = FactPlace['placeKind'];

/** How the demo fills requests of one nature. */
export interface NatureProfile {
  code: string;
  /** Share of all requests, in percent (DOMAIN.md: 68 % lost documents, 25 % accidents without victims). */
  share: number;
  placeKinds: readonly PlaceKind[];
  /** Authors listed: [min, max]. */
  authors: readonly [number, number];
  witnesses: readonly [number, number];
  /** Share filed by a company (the victim is the company). */
  companyShare: number;
  /** Share filed by a legal representative for a minor. */
  representativeShare: number;
  /** Share with attachments, and the kinds they are. */
  attachmentShare: number;
  attachmentKinds: readonly ('photo' | 'pdf' | 'screenshot')[];
  /** Days between fact and submission: [min, max] of the usual case. */
  lagDays: readonly [number, number];
  narratives: readonly string[];
}

const profile = (code: string, share: number, rest: Omit<NatureProfile, 'code' | 'share'>): NatureProfile => ({ code, share, ...rest });

const none = [0, 0] as const;

/**
 * Narrative templates: `{name}` slots are filled per request (see narrative.ts). Citizens write in the first
 * person and rarely in full sentences; the templates keep that tone.
 */
export const NATURE_PROFILES: readonly NatureProfile[] = [
  profile('EXTRAVIO_DOCUMENTOS', 58, {
    placeKinds: ['public_road', 'public_transport', 'commercial', 'public_road', 'other'],
    authors: none, witnesses: none, companyShare: 0.01, representativeShare: 0.06,
    attachmentShare: 0.05, attachmentKinds: ['pdf'], lagDays: [0, 12],
    narratives: [
      'No dia {data}, por volta das {hora}, percebi que havia perdido {docs}. Eu estava {trajeto} e só notei a falta ao chegar em casa. Não houve furto nem violência. Preciso do registro para pedir a segunda via.',
      'Declaro que extraviei {docs} no dia {data}, provavelmente {trajeto}. Já procurei nos locais por onde passei e liguei para {contato_local}, sem sucesso.',
      'Informo a perda de {docs}. Os documentos estavam em {recipiente} e devem ter caído {trajeto}, entre {hora} e {hora_fim} do dia {data}. Solicito o registro para fins de segunda via.',
      'Perdi {docs} em {bairro}, {cidade}, no dia {data}. Não sei exatamente onde caíram. Bloqueei os cartões no banco.',
    ],
  }),
  profile('EXTRAVIO_OBJETOS', 10, {
    placeKinds: ['public_transport', 'public_road', 'commercial', 'other'],
    authors: none, witnesses: none, companyShare: 0.02, representativeShare: 0.03,
    attachmentShare: 0.08, attachmentKinds: ['photo', 'pdf'], lagDays: [0, 10],
    narratives: [
      'No dia {data}, por volta das {hora}, esqueci {objeto} {trajeto}. Voltei ao local e não encontrei. Preciso do registro para a seguradora.',
      'Comunico o extravio de {objeto}, ocorrido em {data} {trajeto}. Não houve furto; o objeto simplesmente não foi mais encontrado.',
      'Perdi {objeto} no dia {data} entre {hora} e {hora_fim}, na região de {bairro}. Entrei em contato com {contato_local}, mas ninguém entregou o objeto.',
    ],
  }),
  profile('ACIDENTE_TRANSITO_SEM_VITIMA', 25, {
    placeKinds: ['public_road'],
    authors: [0, 1], witnesses: [0, 1], companyShare: 0.05, representativeShare: 0,
    attachmentShare: 0.6, attachmentKinds: ['photo', 'photo', 'pdf'], lagDays: [0, 3],
    narratives: [
      'No dia {data}, por volta das {hora}, eu conduzia o veículo {veiculo}, placa {placa}, pela {rua}, em {bairro}, quando o veículo {veiculo2}, placa {placa2}, colidiu na traseira do meu carro no semáforo. Ninguém se feriu. Trocamos os dados e o outro condutor assumiu a culpa.',
      'Colisão lateral sem vítimas na {rua}, {bairro}, {cidade}, no dia {data} às {hora}. Eu dirigia o {veiculo} placa {placa}; o {veiculo2} placa {placa2} mudou de faixa sem sinalizar. Houve apenas danos materiais no para-choque e na porta.',
      'Estava estacionado na {rua} quando, ao manobrar, o condutor do {veiculo2}, placa {placa2}, bateu no meu {veiculo}, placa {placa}. Fato ocorrido em {data}, às {hora}. Sem feridos. Registro para acionar o seguro.',
      'No dia {data}, na {rua}, próximo ao número {numero}, meu veículo {veiculo}, placa {placa}, foi atingido pelo {veiculo2}, placa {placa2}, em um cruzamento. Sem vítimas. O outro condutor se recusou a fornecer os dados do seguro.',
    ],
  }),
  profile('FURTO', 1.1, {
    placeKinds: ['public_road', 'commercial', 'residence', 'public_transport'],
    authors: [0, 1], witnesses: [0, 1], companyShare: 0.25, representativeShare: 0,
    attachmentShare: 0.2, attachmentKinds: ['photo', 'pdf'], lagDays: [0, 5],
    narratives: [
      'No dia {data}, entre {hora} e {hora_fim}, furtaram {objeto} que estava {recipiente}, na {rua}, {bairro}. Não vi quem levou. Não houve violência nem ameaça.',
      'Ao retornar ao local por volta das {hora_fim} do dia {data}, percebi que {objeto} havia sido furtado. Câmeras do local podem ter registrado o fato.',
    ],
  }),
  profile('FURTO_CELULAR', 1.15, {
    placeKinds: ['public_transport', 'public_road', 'commercial'],
    authors: [0, 1], witnesses: none, companyShare: 0, representativeShare: 0.03,
    attachmentShare: 0.15, attachmentKinds: ['pdf'], lagDays: [0, 3],
    narratives: [
      'No dia {data}, por volta das {hora}, meu celular {celular} foi furtado {trajeto}. Só percebi depois; não houve violência. IMEI {imei}. Já pedi o bloqueio à operadora.',
      'Tive o celular {celular} furtado do bolso {trajeto}, no dia {data}. Não vi o autor. O aparelho tem o IMEI {imei}.',
    ],
  }),
  profile('DANO', 0.5, {
    placeKinds: ['public_road', 'residence', 'commercial'],
    authors: [0, 1], witnesses: [0, 1], companyShare: 0.3, representativeShare: 0,
    attachmentShare: 0.5, attachmentKinds: ['photo'], lagDays: [0, 7],
    narratives: [
      'No dia {data}, encontrei {dano} na {rua}, {bairro}. O fato ocorreu entre {hora} e {hora_fim}. Não sei quem foi o autor.',
      'Um vizinho viu quando uma pessoa causou {dano} na {rua}, em {data}, por volta das {hora}. Anexo fotos do prejuízo.',
    ],
  }),
  profile('PICHACAO', 0.2, {
    placeKinds: ['residence', 'commercial', 'public_road'],
    authors: [0, 1], witnesses: none, companyShare: 0.4, representativeShare: 0,
    attachmentShare: 0.7, attachmentKinds: ['photo'], lagDays: [0, 5],
    narratives: [
      'Na madrugada de {data}, o muro do imóvel na {rua}, {bairro}, foi pichado com tinta spray. Anexo fotos. Não identifiquei os autores.',
      'A fachada do imóvel da {rua} amanheceu pichada no dia {data}. O prejuízo com pintura é de cerca de {valor}.',
    ],
  }),
  profile('ESTELIONATO', 1.0, {
    placeKinds: ['internet', 'internet', 'commercial'],
    authors: [1, 1], witnesses: none, companyShare: 0.15, representativeShare: 0,
    attachmentShare: 0.6, attachmentKinds: ['screenshot', 'pdf'], lagDays: [0, 15],
    narratives: [
      'No dia {data}, fiz uma compra em um anúncio na internet e transferi {valor} por Pix para {autor}. O produto nunca foi entregue e o vendedor bloqueou meu contato. Anexo o comprovante e as conversas.',
      'Recebi no dia {data}, às {hora}, uma mensagem de alguém que se passava por um parente pedindo dinheiro. Transferi {valor} para a conta em nome de {autor} e depois descobri o golpe.',
      'Uma pessoa que se identificou como funcionária do banco ligou em {data} e me convenceu a informar um código. Em seguida foram feitas transferências de {valor} para {autor}.',
    ],
  }),
  profile('DESAPARECIMENTO_PESSOA', 0.2, {
    placeKinds: ['residence', 'public_road'],
    authors: none, witnesses: [0, 1], companyShare: 0, representativeShare: 0.5,
    attachmentShare: 0.8, attachmentKinds: ['photo'], lagDays: [0, 2],
    narratives: [
      '{desaparecido} saiu de casa no dia {data}, por volta das {hora}, e não retornou. Vestia calça jeans e camiseta. Não atende o celular. Já procuramos em hospitais e com parentes. Anexo foto recente.',
      'Comunico o desaparecimento de {desaparecido}, visto pela última vez em {bairro}, {cidade}, no dia {data}. Não tem histórico de sair sem avisar.',
    ],
  }),
  profile('LOCALIZACAO_DESAPARECIDO', 0.1, {
    placeKinds: ['residence', 'public_road'],
    authors: none, witnesses: none, companyShare: 0, representativeShare: 0.3,
    attachmentShare: 0, attachmentKinds: [], lagDays: [0, 2],
    narratives: ['Informo que {desaparecido}, cujo desaparecimento foi registrado anteriormente, foi localizado(a) no dia {data}, às {hora}, em {bairro}, {cidade}, e está bem.'],
  }),
  profile('LOCALIZACAO_DESCONHECIDO', 0.05, {
    placeKinds: ['public_road', 'commercial'],
    authors: none, witnesses: [0, 1], companyShare: 0, representativeShare: 0,
    attachmentShare: 0.3, attachmentKinds: ['photo'], lagDays: [0, 1],
    narratives: ['No dia {data}, por volta das {hora}, encontrei na {rua}, {bairro}, uma pessoa idosa desorientada que não soube informar o nome nem o endereço. Acionei o SAMU e ela foi levada para atendimento.'],
  }),
  profile('CALUNIA', 0.15, {
    placeKinds: ['internet', 'residence', 'commercial'],
    authors: [1, 2], witnesses: [0, 2], companyShare: 0, representativeShare: 0,
    attachmentShare: 0.6, attachmentKinds: ['screenshot'], lagDays: [0, 20],
    narratives: ['No dia {data}, {autor} afirmou publicamente, em um grupo de mensagens com vários moradores, que eu teria furtado dinheiro do condomínio, o que é falso. Anexo prints das mensagens.'],
  }),
  profile('DIFAMACAO', 0.2, {
    placeKinds: ['internet', 'commercial'],
    authors: [1, 2], witnesses: [0, 2], companyShare: 0, representativeShare: 0,
    attachmentShare: 0.6, attachmentKinds: ['screenshot'], lagDays: [0, 20],
    narratives: ['Desde {data}, {autor} vem publicando em redes sociais comentários que ofendem minha reputação profissional, dizendo a clientes que eu não cumpro o que combino. Anexo as publicações.'],
  }),
  profile('INJURIA', 0.4, {
    placeKinds: ['residence', 'commercial', 'internet', 'public_road'],
    authors: [1, 1], witnesses: [0, 2], companyShare: 0, representativeShare: 0,
    attachmentShare: 0.3, attachmentKinds: ['screenshot'], lagDays: [0, 15],
    narratives: [
      'No dia {data}, por volta das {hora}, {autor} me xingou com palavras ofensivas na frente de outras pessoas, na {rua}, {bairro}.',
      'Recebi em {data} mensagens de {autor} com ofensas à minha honra. Anexo os prints das conversas.',
    ],
  }),
  profile('AMEACA', 0.5, {
    placeKinds: ['residence', 'public_road', 'internet'],
    authors: [1, 2], witnesses: [0, 2], companyShare: 0, representativeShare: 0,
    attachmentShare: 0.3, attachmentKinds: ['screenshot'], lagDays: [0, 7],
    narratives: [
      'No dia {data}, às {hora}, {autor}, vizinho, disse que iria me agredir se eu voltasse a reclamar do barulho. Tenho medo de que cumpra a ameaça.',
      '{autor} enviou mensagens em {data} dizendo que "vai acertar as contas" comigo por causa de uma dívida. Anexo as mensagens.',
    ],
  }),
  profile('CONSTRANGIMENTO_ILEGAL', 0.1, {
    placeKinds: ['commercial', 'public_road'],
    authors: [1, 2], witnesses: [0, 1], companyShare: 0, representativeShare: 0,
    attachmentShare: 0, attachmentKinds: [], lagDays: [0, 10],
    narratives: ['No dia {data}, {autor} me impediu de sair do estabelecimento na {rua} até que eu pagasse uma conta que não reconheço, segurando meus documentos.'],
  }),
  profile('VIOLACAO_DOMICILIO', 0.1, {
    placeKinds: ['residence'],
    authors: [1, 2], witnesses: [0, 1], companyShare: 0, representativeShare: 0,
    attachmentShare: 0.2, attachmentKinds: ['photo'], lagDays: [0, 7],
    narratives: ['No dia {data}, por volta das {hora}, {autor} entrou no quintal da minha casa na {rua}, {bairro}, sem autorização, e só saiu quando ameacei chamar a polícia.'],
  }),
  profile('EXERCICIO_ILEGAL_PROFISSAO', 0.05, {
    placeKinds: ['commercial', 'internet'],
    authors: [1, 1], witnesses: none, companyShare: 0, representativeShare: 0,
    attachmentShare: 0.5, attachmentKinds: ['pdf', 'screenshot'], lagDays: [1, 30],
    narratives: ['Contratei {autor} em {data}, que se apresentou como dentista, mas descobri que não possui registro no conselho profissional. Paguei {valor} pelo tratamento.'],
  }),
  profile('VD_VIAS_DE_FATO_LESAO', 0.5, {
    placeKinds: ['residence'],
    authors: [1, 1], witnesses: [0, 1], companyShare: 0, representativeShare: 0.15,
    attachmentShare: 0.3, attachmentKinds: ['photo'], lagDays: [0, 4],
    narratives: [
      'No dia {data}, por volta das {hora}, dentro de casa, {autor}, {relacao}, me empurrou e me deu tapas durante uma discussão. Fiquei com hematomas no braço.',
      'Fui agredida por {autor}, {relacao}, no dia {data}, em nossa residência na {rua}. Ele me segurou pelo pescoço e me jogou contra a parede. Tenho medo de voltar para casa.',
    ],
  }),
  profile('VD_AMEACA', 0.5, {
    placeKinds: ['residence', 'internet'],
    authors: [1, 1], witnesses: [0, 1], companyShare: 0, representativeShare: 0.1,
    attachmentShare: 0.4, attachmentKinds: ['screenshot'], lagDays: [0, 5],
    narratives: [
      'No dia {data}, {autor}, {relacao}, disse que vai me matar se eu não voltar para ele. As ameaças continuam por mensagem. Anexo prints.',
      '{autor}, {relacao}, me ameaçou em {data}, às {hora}, dizendo que vai tirar meus filhos de mim e que eu vou me arrepender.',
    ],
  }),
  profile('VD_DESCUMPRIMENTO_MEDIDA', 0.2, {
    placeKinds: ['residence', 'public_road'],
    authors: [1, 1], witnesses: [0, 1], companyShare: 0, representativeShare: 0.05,
    attachmentShare: 0.3, attachmentKinds: ['screenshot', 'pdf'], lagDays: [0, 3],
    narratives: ['Tenho medida protetiva contra {autor}, {relacao}, mas no dia {data}, às {hora}, ele se aproximou da minha casa na {rua} e ficou me chamando no portão.'],
  }),
];

export function natureProfile(code: string): NatureProfile {
  const found = NATURE_PROFILES.find((item) => item.code === code);
  if (!found) throw new Error(`no demo profile for nature ${code}`);
  return found;
}
