import type { Nature } from '../schemas';

export const NATURE_TABLE_VERSION = 1;

type NatureRow = Pick<Nature, 'code' | 'label' | 'group' | 'acceptedOnline' | 'domesticViolenceOnly'>;

/** Natures the Delegacia Virtual knows (seed 001), plus a few it must send to a unit in person. */
const ROWS: NatureRow[] = [
  { code: 'EXTRAVIO_DOCUMENTOS', label: 'Extravio/perda de documentos', group: 'documents', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'EXTRAVIO_OBJETOS', label: 'Extravio/perda de objetos', group: 'documents', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'FURTO', label: 'Furto', group: 'property', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'FURTO_CELULAR', label: 'Furto de celular', group: 'property', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'DANO', label: 'Dano', group: 'property', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'PICHACAO', label: 'Pichação', group: 'property', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'ESTELIONATO', label: 'Estelionato', group: 'property', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'ACIDENTE_TRANSITO_SEM_VITIMA', label: 'Acidente de trânsito sem vítima', group: 'traffic', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'DESAPARECIMENTO_PESSOA', label: 'Desaparecimento de pessoa', group: 'persons', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'LOCALIZACAO_DESAPARECIDO', label: 'Localização de desaparecido', group: 'persons', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'LOCALIZACAO_DESCONHECIDO', label: 'Localização de desconhecido', group: 'persons', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'CALUNIA', label: 'Calúnia', group: 'honor', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'DIFAMACAO', label: 'Difamação', group: 'honor', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'INJURIA', label: 'Injúria', group: 'honor', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'AMEACA', label: 'Ameaça', group: 'liberty', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'CONSTRANGIMENTO_ILEGAL', label: 'Constrangimento ilegal', group: 'liberty', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'VIOLACAO_DOMICILIO', label: 'Violação de domicílio', group: 'liberty', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'EXERCICIO_ILEGAL_PROFISSAO', label: 'Exercício ilegal da profissão', group: 'other', acceptedOnline: true, domesticViolenceOnly: false },
  { code: 'VD_VIAS_DE_FATO_LESAO', label: 'Vias de fato/lesão corporal (violência doméstica)', group: 'domestic_violence', acceptedOnline: true, domesticViolenceOnly: true },
  { code: 'VD_AMEACA', label: 'Ameaça (violência doméstica)', group: 'domestic_violence', acceptedOnline: true, domesticViolenceOnly: true },
  { code: 'VD_DESCUMPRIMENTO_MEDIDA', label: 'Descumprimento de medida protetiva', group: 'domestic_violence', acceptedOnline: true, domesticViolenceOnly: true },
  { code: 'ROUBO', label: 'Roubo', group: 'property', acceptedOnline: false, domesticViolenceOnly: false },
  { code: 'ACIDENTE_TRANSITO_COM_VITIMA', label: 'Acidente de trânsito com vítima', group: 'traffic', acceptedOnline: false, domesticViolenceOnly: false },
  { code: 'LESAO_CORPORAL', label: 'Lesão corporal (fora do contexto doméstico)', group: 'persons', acceptedOnline: false, domesticViolenceOnly: false },
];

export const NATURES: readonly Nature[] = ROWS.map((row) => ({
  type: 'nature',
  schemaVersion: 1,
  ...row,
  tableVersion: NATURE_TABLE_VERSION,
  active: true,
}));

export function findNature(natures: readonly Nature[], code: string, tableVersion: number): Nature | undefined {
  return natures.find((nature) => nature.code === code && nature.tableVersion === tableVersion);
}
