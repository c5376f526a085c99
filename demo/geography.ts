import type { Uf } from '../shared/schemas';
import { weightedTable, type WeightedTable } from './random';

/** The three demo triage units split Minas Gerais by region. */
export type DemoRegion = 'capital' | 'south' | 'north';

export interface Municipality {
  name: string;
  /** IBGE 7-digit code. */
  ibge: string;
  /** Correios CEP range of the municipality (first 5 digits). */
  cepFrom: number;
  cepTo: number;
  /** Telephone area code (DDD). */
  ddd: string;
  region: DemoRegion;
  /** Rough population in thousands: the weight of the municipality in the demo. */
  population: number;
  districts: readonly string[];
}

const GENERIC_DISTRICTS = ['Centro', 'São José', 'Santa Terezinha', 'Vila Nova', 'Jardim América', 'Boa Vista', 'Nossa Senhora Aparecida', 'Santo Antônio'];

const m = (
  name: string, ibge: string, cepFrom: number, cepTo: number, ddd: string, region: DemoRegion, population: number,
  districts: readonly string[] = GENERIC_DISTRICTS,
): Municipality => ({ name, ibge, cepFrom, cepTo, ddd, region, population, districts });

export const MG_MUNICIPALITIES: readonly Municipality[] = [
  m('Belo Horizonte', '3106200', 30000, 31999, '31', 'capital', 2300, [
    'Centro', 'Savassi', 'Funcionários', 'Lourdes', 'Santo Agostinho', 'Santa Efigênia', 'Floresta', 'Santa Tereza', 'Lagoinha',
    'Padre Eustáquio', 'Caiçara', 'Pampulha', 'Castelo', 'Ouro Preto', 'Buritis', 'Barreiro', 'Venda Nova', 'Sion', 'Serra', 'Prado', 'Gutierrez',
  ]),
  m('Contagem', '3118601', 32000, 32399, '31', 'capital', 620, ['Eldorado', 'Centro', 'Industrial', 'Ressaca', 'Nacional', 'Petrolândia', 'Inconfidentes']),
  m('Betim', '3106705', 32600, 32699, '31', 'capital', 410, ['Centro', 'Angola', 'Jardim Teresópolis', 'Citrolândia', 'PTB', 'Alterosas']),
  m('Ribeirão das Neves', '3154606', 33800, 33999, '31', 'capital', 330, ['Centro', 'Justinópolis', 'Veneza', 'Areias']),
  m('Santa Luzia', '3157807', 33010, 33149, '31', 'capital', 220, ['Centro', 'São Benedito', 'Palmital', 'Londrina']),
  m('Sabará', '3156700', 34500, 34599, '31', 'capital', 130),
  m('Vespasiano', '3171204', 33200, 33209, '31', 'capital', 130),
  m('Nova Lima', '3144805', 34000, 34099, '31', 'capital', 110, ['Centro', 'Vila da Serra', 'Jardim Canadá', 'Vale do Sereno']),
  m('Sete Lagoas', '3167202', 35700, 35702, '31', 'capital', 230, ['Centro', 'Boa Vista', 'Canaã', 'Jardim Arizona']),
  m('Uberlândia', '3170206', 38400, 38415, '34', 'south', 700, ['Centro', 'Santa Mônica', 'Tibery', 'Martins', 'Umuarama', 'Luizote de Freitas', 'Jardim Patrícia', 'Segismundo Pereira']),
  m('Uberaba', '3170107', 38000, 38099, '34', 'south', 340, ['Centro', 'Abadia', 'Fabrício', 'Boa Vista', 'Mercês']),
  m('Araguari', '3103504', 38440, 38449, '34', 'south', 110),
  m('Ituiutaba', '3134202', 38300, 38309, '34', 'south', 100),
  m('Patos de Minas', '3148004', 38700, 38709, '34', 'south', 150),
  m('Divinópolis', '3122306', 35500, 35504, '37', 'south', 230, ['Centro', 'Bom Pastor', 'Niterói', 'Porto Velho']),
  m('Poços de Caldas', '3151800', 37700, 37719, '35', 'south', 160),
  m('Pouso Alegre', '3152501', 37550, 37559, '35', 'south', 150),
  m('Varginha', '3170701', 37010, 37099, '35', 'south', 135),
  m('Passos', '3147907', 37900, 37909, '35', 'south', 110),
  m('Lavras', '3138203', 37200, 37209, '35', 'south', 105),
  m('Itajubá', '3132404', 37500, 37509, '35', 'south', 95),
  m('Juiz de Fora', '3136702', 36000, 36099, '32', 'south', 540, ['Centro', 'São Mateus', 'Benfica', 'Cascatinha', 'Alto dos Passos', 'Granbery', 'Santa Luzia']),
  m('Barbacena', '3105608', 36200, 36205, '32', 'south', 125),
  m('Conselheiro Lafaiete', '3118304', 36400, 36409, '31', 'south', 130),
  m('Ouro Preto', '3146107', 35400, 35409, '31', 'south', 75, ['Centro', 'Antônio Dias', 'Pilar', 'Bauxita', 'Saramenha']),
  m('Muriaé', '3143906', 36880, 36889, '32', 'south', 105),
  m('Ubá', '3169901', 36500, 36509, '32', 'south', 105),
  m('Montes Claros', '3143302', 39400, 39409, '38', 'north', 410, ['Centro', 'Major Prates', 'Todos os Santos', 'Ibituruna', 'Delfino Magalhães', 'Santo Expedito']),
  m('Governador Valadares', '3127701', 35000, 35099, '33', 'north', 260, ['Centro', 'Santa Rita', 'Vila Bretas', 'São Pedro', 'Grã-Duquesa']),
  m('Ipatinga', '3131307', 35160, 35164, '31', 'north', 230, ['Centro', 'Cidade Nobre', 'Bom Retiro', 'Veneza', 'Horto', 'Iguaçu']),
  m('Coronel Fabriciano', '3119401', 35170, 35174, '31', 'north', 105),
  m('Teófilo Otoni', '3168606', 39800, 39804, '33', 'north', 140),
  m('Paracatu', '3147006', 38600, 38609, '38', 'north', 95),
  m('Curvelo', '3120904', 35790, 35790, '38', 'north', 80),
  m('Diamantina', '3121605', 39100, 39109, '38', 'north', 47, ['Centro', 'Rio Grande', 'Palha', 'Consolação']),
];

export const MUNICIPALITY_TABLE: WeightedTable<Municipality> = weightedTable(
  MG_MUNICIPALITIES.map((value) => ({ value, weight: value.population })),
);

export function municipalityNamed(name: string): Municipality {
  const found = MG_MUNICIPALITIES.find((item) => item.name === name);
  if (!found) throw new Error(`unknown demo municipality ${name}`);
  return found;
}

/** Places just across the border, for requests whose fact happened outside the state the unit serves. */
export const OUT_OF_STATE_PLACES: readonly { municipality: string; ibge: string; uf: Uf; cepFrom: number; cepTo: number }[] = [
  { municipality: 'São Paulo', ibge: '3550308', uf: 'SP', cepFrom: 1000, cepTo: 5999 },
  { municipality: 'Rio de Janeiro', ibge: '3304557', uf: 'RJ', cepFrom: 20000, cepTo: 23799 },
  { municipality: 'Vitória', ibge: '3205309', uf: 'ES', cepFrom: 29000, cepTo: 29099 },
  { municipality: 'Goiânia', ibge: '5208707', uf: 'GO', cepFrom: 74000, cepTo: 74899 },
  { municipality: 'Brasília', ibge: '5300108', uf: 'DF', cepFrom: 70000, cepTo: 72799 },
  { municipality: 'Franca', ibge: '3516200', uf: 'SP', cepFrom: 14400, cepTo: 14414 },
];

/** Street names common across Minas Gerais, plus a few landmarks of the capital. */
export const STREET_NAMES = [
  'Tiradentes', 'Santos Dumont', 'Getúlio Vargas', 'Sete de Setembro', 'Quinze de Novembro', 'Brasil', 'Rio de Janeiro',
  'São Paulo', 'Goiás', 'Minas Gerais', 'Padre Anchieta', 'Juscelino Kubitschek', 'Dom Pedro II', 'Marechal Deodoro',
  'Benjamin Constant', 'Floriano Peixoto', 'Duque de Caxias', 'Afonso Pena', 'Amazonas', 'da Bahia', 'Espírito Santo',
  'dos Tupis', 'Guajajaras', 'Olegário Maciel', 'Antônio Carlos', 'Cristiano Machado', 'Raja Gabaglia', 'Padre Eustáquio',
  'Governador Valadares', 'Presidente Tancredo Neves', 'Barão do Rio Branco', 'Doutor Lund', 'Coronel Antônio Alves',
  'das Flores', 'das Acácias', 'dos Ipês', 'Professor Morais', 'Itapecerica', 'Conselheiro Lafaiete', 'Halfeld',
] as const;

export const STREET_KINDS = weightedTable([
  { value: 'Rua', weight: 70 },
  { value: 'Avenida', weight: 20 },
  { value: 'Travessa', weight: 4 },
  { value: 'Alameda', weight: 3 },
  { value: 'Praça', weight: 3 },
]);
