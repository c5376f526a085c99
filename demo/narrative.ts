import type { Dice } from './random';

const DOCUMENTS = [
  'minha carteira de identidade', 'meu CPF', 'minha CNH', 'meu título de eleitor', 'minha carteira de trabalho', 'meu cartão do SUS',
  'meus cartões bancários', 'minha certidão de nascimento', 'o CRLV do meu carro', 'meu passaporte', 'minha carteira de estudante',
];
const OBJECTS = [
  'uma mochila preta com um notebook', 'minha carteira de couro marrom', 'meus óculos de grau', 'a chave do meu carro', 'uma bolsa feminina',
  'minha aliança de ouro', 'um relógio de pulso', 'uma pasta com documentos da empresa', 'um fone de ouvido sem fio', 'uma bicicleta aro 29',
];
const ROUTES = [
  'no ônibus da linha {linha}', 'no metrô, entre as estações Eldorado e Central', 'em um carro de aplicativo', 'na rodoviária', 'no supermercado do bairro',
  'no trajeto entre o trabalho e minha casa', 'na feira livre', 'no estacionamento do shopping', 'na saída de um show', 'em uma agência bancária',
];
const CONTAINERS = ['minha carteira', 'uma pochete', 'a bolsa', 'o porta-luvas do carro', 'um envelope plástico', 'a mochila'];
const LOCAL_CONTACTS = ['a empresa de ônibus', 'o setor de achados e perdidos', 'o estabelecimento', 'o motorista do aplicativo'];
const CARS = [
  'Fiat Strada', 'VW Gol', 'Chevrolet Onix', 'Hyundai HB20', 'Fiat Argo', 'VW Polo', 'Toyota Corolla', 'Renault Kwid', 'Fiat Mobi',
  'Jeep Renegade', 'VW T-Cross', 'Chevrolet Tracker', 'Honda CG 160', 'Fiat Uno', 'Ford Ka',
];
const PHONES = ['Samsung Galaxy A15', 'Motorola Moto G84', 'iPhone 13', 'Xiaomi Redmi Note 13', 'Samsung Galaxy S23', 'iPhone 11'];
const DAMAGES = ['o retrovisor do meu carro quebrado', 'o vidro da loja estilhaçado', 'o portão da garagem amassado', 'os pneus do carro furados'];

function joinPt(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} e ${items[items.length - 1]}`;
}

function pickSome(dice: Dice, items: readonly string[], min: number, max: number): string[] {
  const count = dice.int(min, max);
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(dice.pick(items));
  return [...chosen];
}

/** R$ 1.234,50 without Intl, so the text does not depend on the ICU build. */
function money(dice: Dice): string {
  const reais = String(dice.int(80, 9800)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `R$ ${reais},${dice.pick(['00', '50', '90'])}`;
}

/** What the template may mention, already decided by the request. */
export interface NarrativeFacts {
  date: string;
  time: string;
  endTime: string;
  street: string;
  number: string;
  district: string;
  municipality: string;
  author: string;
  relationship: string;
  missingPerson: string;
  plate: string;
  otherPlate: string;
}

/** One slot's text: request facts first, then free detail drawn from the dice. */
function slot(dice: Dice, name: string, facts: NarrativeFacts): string | undefined {
  // A switch rather than a table of closures: this runs for every request and must not allocate much.
  switch (name) {
    case 'data': return facts.date;
    case 'hora': return facts.time;
    case 'hora_fim': return facts.endTime;
    case 'rua': return facts.street;
    case 'numero': return facts.number;
    case 'bairro': return facts.district;
    case 'cidade': return facts.municipality;
    case 'autor': return facts.author;
    case 'relacao': return facts.relationship;
    case 'desaparecido': return facts.missingPerson;
    case 'placa': return facts.plate;
    case 'placa2': return facts.otherPlate;
    case 'docs': return joinPt(pickSome(dice, DOCUMENTS, 1, 4));
    case 'objeto': return dice.pick(OBJECTS);
    case 'trajeto': return dice.pick(ROUTES).replace('{linha}', String(dice.int(1000, 9999)));
    case 'recipiente': return dice.pick(CONTAINERS);
    case 'contato_local': return dice.pick(LOCAL_CONTACTS);
    case 'veiculo':
    case 'veiculo2': return dice.pick(CARS);
    case 'celular': return dice.pick(PHONES);
    case 'imei': return `35${dice.digits(13)}`;
    case 'valor': return money(dice);
    case 'dano': return dice.pick(DAMAGES);
    default: return undefined;
  }
}

/** Fills a template's `{slot}`s. */
export function fillNarrative(dice: Dice, template: string, facts: NarrativeFacts): string {
  return template.replace(/\{([a-z_0-9]+)\}/g, (whole, name: string) => slot(dice, name, facts) ?? whole);
}
