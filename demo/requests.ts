import { NATURE_TABLE_VERSION } from '../shared/reference/natures';
import type { Address, AttachmentMeta, Author, FactPlace, OccurrenceRequest, Requester, Uf, Victim, Witness } from '../shared/schemas';
import { OUT_OF_STATE_PLACES } from './geography';
import { companyEmail, fakeCnpj, fakeCpf, fakeEmail, fakeLandline, fakeMobile, fakePlate, fakeRg, fakeTjmgProcess } from './identifiers';
import { fillNarrative } from './narrative';
import {
  adultAgeRange, birthDateForAge, brazilianName, fakeAddress, fakeCep, fakeMaritalStatus, fakeSchooling, foreignName, FOREIGN_NATIONALITIES, type Sex,
} from './people';
import { Dice, weightedTable } from './random';
import { STREAM, type RequestPlan, type RequestPlanner } from './request-plan';
import { DAY_MS, HOUR_MS, isoLocal, isoUtc, localDate, localDayStart, localYear, MINUTE_MS } from './timeline';

type Relationship = NonNullable<Author['relationshipToVictim']>;

const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  spouse: 'meu marido', ex_spouse: 'meu ex-marido', partner: 'meu companheiro', ex_partner: 'meu ex-companheiro', parent: 'pai da vítima',
  child: 'meu filho', sibling: 'meu irmão', other_relative: 'um parente', acquaintance: 'um conhecido', stranger: 'um desconhecido', unknown: 'pessoa não identificada',
};
const DV_RELATIONSHIPS = weightedTable<Relationship>([
  { value: 'spouse', weight: 30 }, { value: 'ex_spouse', weight: 15 }, { value: 'partner', weight: 25 }, { value: 'ex_partner', weight: 25 }, { value: 'sibling', weight: 5 },
]);
const REPRESENTATIONS = weightedTable<Victim['relationshipToRequester']>([
  { value: 'parent', weight: 85 }, { value: 'guardian', weight: 10 }, { value: 'other_legal', weight: 5 },
]);
const RG_UFS: readonly Uf[] = ['SP', 'RJ', 'BA', 'ES', 'GO', 'DF', 'PR'];
const CORPORATE_ACTIVITIES = [
  'Comércio de Alimentos', 'Transportes', 'Materiais de Construção', 'Serviços Médicos', 'Engenharia', 'Supermercados', 'Distribuidora de Bebidas', 'Locação de Veículos',
];

interface PersonDraft {
  fullName: string;
  sex: Sex;
  genderIdentity: Victim['genderIdentity'];
  socialName?: string;
  birthDate: string;
  age: number;
}

const twoDigits = (value: number): string => String(value).padStart(2, '0');
const timeOfDay = (ms: number): string => isoLocal(ms).slice(11, 16).replace(':', 'h');
const dayMonthYear = (ms: number): string => localDate(ms).split('-').reverse().join('/');

/** Builds the full request of a plan; content is seeded per request, so any request can be rebuilt alone. */
export class RequestBuilder {
  private readonly dice = new Dice();

  constructor(private readonly planner: RequestPlanner) {}

  build(plan: RequestPlan): OccurrenceRequest {
    if (plan.duplicateOf !== undefined) return this.duplicate(plan, plan.duplicateOf);
    const dice = this.dice.reseed(this.planner.window.seed, plan.index, STREAM.content);
    const factMs = this.factInstant(plan);
    const requesterDraft = this.requesterPerson(plan);
    const requester = this.requester(plan, requesterDraft);
    const victim = plan.represented ? this.victim(plan, requesterDraft, factMs) : undefined;
    const authors = this.authors(plan);
    const place = this.factPlace(plan, requester.address);
    const endedAt = dice.chance(0.25) ? factMs + dice.int(30, 300) * MINUTE_MS : undefined;
    const firstAuthor = authors[0];
    const template = dice.pick(plan.profile.narratives);
    const narrative = fillNarrative(dice, template, {
      date: dayMonthYear(factMs),
      time: timeOfDay(factMs),
      endTime: timeOfDay(endedAt ?? factMs + 2 * HOUR_MS),
      street: place.street,
      number: place.number ?? 's/n',
      district: place.district,
      municipality: place.municipality,
      author: firstAuthor?.name ?? firstAuthor?.nickname ?? 'uma pessoa que não conheço',
      relationship: RELATIONSHIP_LABELS[firstAuthor?.relationshipToVictim ?? 'unknown'],
      missingPerson: victim?.fullName ?? brazilianName(dice, dice.chance(0.5) ? 'female' : 'male'),
      plate: fakePlate(dice),
      otherPlate: firstAuthor?.description?.match(/placa ([A-Z0-9-]+)/)?.[1] ?? fakePlate(dice),
    });
    const receivedAt = Math.min(this.planner.window.nowMs, plan.submittedAt + dice.int(1, 30) * 1000);
    const request: OccurrenceRequest = {
      type: 'request',
      schemaVersion: 1,
      protocol: plan.protocol,
      unitId: plan.unit.unitId,
      receivedAt: isoUtc(receivedAt),
      secret: plan.secret,
      portalSubmissionId: this.uuid(),
      submittedAt: isoUtc(plan.submittedAt),
      natureCode: plan.natureCode,
      natureTableVersion: NATURE_TABLE_VERSION,
      requester,
      ...(victim ? { victim } : {}),
      authors,
      witnesses: this.witnesses(plan),
      narrative,
      fact: {
        startedAt: isoLocal(factMs),
        ...(endedAt !== undefined && endedAt < plan.submittedAt - 5 * MINUTE_MS ? { endedAt: isoLocal(endedAt) } : {}),
        place,
        domesticContext: plan.dv !== undefined && plan.dv !== 'not_domestic',
      },
      attachments: this.attachments(plan),
    };
    this.addCareAndMeasures(plan, request, place, factMs);
    return request;
  }

  /** The citizen sent the same fact again: same parties and narrative, new submission. */
  private duplicate(plan: RequestPlan, originalIndex: number): OccurrenceRequest {
    const original = this.build(this.planner.plan(originalIndex));
    this.dice.reseed(this.planner.window.seed, plan.index, STREAM.content);
    return {
      ...original,
      protocol: plan.protocol,
      unitId: plan.unit.unitId,
      receivedAt: isoUtc(Math.min(this.planner.window.nowMs, plan.submittedAt + this.dice.int(1, 30) * 1000)),
      portalSubmissionId: this.uuid(),
      submittedAt: isoUtc(plan.submittedAt),
    };
  }

  private uuid(): string {
    const hex = this.dice.hex(32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  private factInstant(plan: RequestPlan): number {
    const { dice } = this;
    const [min, max] = plan.flaw === 'fact_too_old' ? [200, 500] : plan.profile.lagDays;
    // Most citizens file soon after the fact: skew the lag towards its minimum.
    const lag = Math.floor(min + (max - min + 1) * dice.float() ** 2.5);
    const latest = plan.submittedAt - 10 * MINUTE_MS;
    if (lag === 0) return latest - dice.int(10, 600) * MINUTE_MS;
    const candidate = localDayStart(plan.submittedAt) - lag * DAY_MS + dice.int(6 * 60, 23 * 60 + 30) * MINUTE_MS;
    return Math.min(candidate, latest);
  }

  private requesterPerson(plan: RequestPlan): PersonDraft {
    const { dice } = this;
    let sex: Sex = dice.chance(0.5) ? 'female' : 'male';
    let range = adultAgeRange(dice);
    let genderIdentity: Victim['genderIdentity'] | undefined;
    switch (plan.dv) {
      case 'woman':
      case 'not_domestic':
        sex = 'female';
        range = [19, 58];
        break;
      case 'trans_woman':
        sex = 'male';
        genderIdentity = 'trans_woman';
        range = [19, 50];
        break;
      case 'elderly':
        range = [62, 88];
        break;
      case 'adult_man':
        sex = 'male';
        genderIdentity = 'man';
        range = [20, 55];
        break;
      case 'represented_minor':
        sex = dice.chance(0.8) ? 'female' : 'male';
        break;
    }
    if (plan.represented) range = [24, 55];
    const birthDate = birthDateForAge(dice, plan.submittedAt, range[0], range[1]);
    const age = Number(localDate(plan.submittedAt).slice(0, 4)) - Number(birthDate.slice(0, 4));
    const fullName = brazilianName(dice, sex);
    const identity = genderIdentity ?? (dice.chance(0.03) ? 'not_informed' : sex === 'female' ? 'woman' : 'man');
    return {
      fullName,
      sex,
      genderIdentity: identity,
      ...(identity === 'trans_woman' ? { socialName: `${brazilianName(dice, 'female').split(' ')[0]} ${fullName.split(' ').slice(1).join(' ')}` } : {}),
      birthDate,
      age,
    };
  }

  private contact(plan: RequestPlan, email: string, ddd: string): { email?: string; mobile?: string } {
    const mobile = fakeMobile(this.dice, ddd);
    if (plan.flaw !== 'contact_missing') return { email, mobile };
    const drop = this.dice.pick(['email', 'mobile', 'both'] as const);
    return { ...(drop === 'mobile' ? { email } : {}), ...(drop === 'email' ? { mobile } : {}) };
  }

  private requester(plan: RequestPlan, person: PersonDraft): Requester {
    const { dice } = this;
    const address = fakeAddress(dice, plan.home);
    const capacity = plan.represented ? 'legal_representative' : 'self';
    if (plan.requesterKind === 'company') {
      const corporateName = `${brazilianName(dice, 'male').split(' ').pop()} ${dice.pick(CORPORATE_ACTIVITIES)} ${dice.pick(['Ltda', 'S.A.', 'ME', 'EPP'])}`;
      return {
        kind: 'company',
        corporateName,
        ...(dice.chance(0.6) ? { tradeName: corporateName.split(' ').slice(0, 2).join(' ') } : {}),
        cnpj: fakeCnpj(dice, dice.chance(0.08)),
        address,
        contactPerson: person.fullName,
        ...this.contact(plan, companyEmail(dice, corporateName), plan.home.ddd),
      };
    }
    const core = {
      fullName: person.fullName,
      ...(person.socialName ? { socialName: person.socialName } : {}),
      birthDate: person.birthDate,
      sex: person.sex,
      genderIdentity: person.genderIdentity,
      schooling: fakeSchooling(dice),
      maritalStatus: fakeMaritalStatus(dice, person.age),
      address,
    };
    if (plan.requesterKind === 'person_foreign') {
      const nationality = dice.weighted(FOREIGN_NATIONALITIES);
      const fullName = foreignName(dice, person.sex, nationality);
      const kind = dice.pick(['passport', 'passport', 'rnm', 'rnm', 'rne'] as const);
      const number = kind === 'passport' ? `${dice.pick(['P', 'A', 'X'])}${dice.digits(8)}` : `${kind === 'rne' ? 'V' : 'F'}${dice.digits(6)}-${dice.int(0, 9)}`;
      return {
        kind: 'person_foreign',
        capacity,
        ...core,
        fullName,
        nationality,
        document: { kind, number, ...(kind === 'passport' ? { issuingCountry: nationality } : {}) },
        ...(kind !== 'passport' && dice.chance(0.6) ? { cpf: fakeCpf(dice) } : {}),
        ...this.contact(plan, fakeEmail(dice, fullName), plan.home.ddd),
      };
    }
    const rgUf: Uf = dice.chance(0.92) ? 'MG' : dice.pick(RG_UFS);
    return {
      kind: 'person_br',
      capacity,
      ...core,
      nationality: 'BR',
      rg: fakeRg(dice, rgUf),
      cpf: fakeCpf(dice),
      ...this.contact(plan, fakeEmail(dice, person.fullName), plan.home.ddd),
    };
  }

  private victim(plan: RequestPlan, representative: PersonDraft, factMs: number): Victim {
    const { dice } = this;
    const sex: Sex = dice.chance(0.5) ? 'female' : 'male';
    const [minAge, maxAge] = plan.natureCode === 'EXTRAVIO_DOCUMENTOS' ? [0, 15] : [2, 16];
    const surname = representative.fullName.split(' ').pop() ?? 'Silva';
    return {
      fullName: `${brazilianName(dice, sex).split(' ')[0]} ${surname}`,
      birthDate: birthDateForAge(dice, factMs, minAge, maxAge),
      sex,
      genderIdentity: sex === 'female' ? 'woman' : 'man',
      ...(dice.chance(0.6) ? { cpf: fakeCpf(dice) } : {}),
      relationshipToRequester: dice.weighted(REPRESENTATIONS),
    };
  }

  private authors(plan: RequestPlan): Author[] {
    const { dice } = this;
    const [min, max] = plan.profile.authors;
    const count = plan.flaw === 'too_many_authors' ? dice.int(4, 6) : dice.int(min, max);
    return Array.from({ length: count }, () => this.author(plan));
  }

  private author(plan: RequestPlan): Author {
    const { dice } = this;
    const sex: Sex = dice.chance(plan.dv ? 0.9 : 0.75) ? 'male' : 'female';
    const approximateAge = dice.int(19, 65);
    if (plan.dv) {
      const relationshipToVictim: Relationship =
        plan.dv === 'represented_minor' ? dice.pick(['parent', 'other_relative'] as const) : plan.dv === 'elderly' ? dice.pick(['child', 'other_relative', 'spouse'] as const) : dice.weighted(DV_RELATIONSHIPS);
      return {
        name: brazilianName(dice, sex),
        sex,
        approximateAge,
        relationshipToVictim,
        ...(dice.chance(0.25) ? { cpf: fakeCpf(dice) } : {}),
        ...(dice.chance(0.4) ? { address: fakeAddress(dice, plan.home) } : {}),
      };
    }
    switch (plan.natureCode) {
      case 'ACIDENTE_TRANSITO_SEM_VITIMA':
        return { name: brazilianName(dice, sex), sex, relationshipToVictim: 'stranger', description: `Condutor do outro veículo, placa ${fakePlate(dice)}.` };
      case 'ESTELIONATO':
        return { name: brazilianName(dice, sex), relationshipToVictim: 'stranger', ...(dice.chance(0.5) ? { cpf: fakeCpf(dice) } : {}), description: `Recebedor do Pix; chave ${dice.pick(['e-mail', 'telefone', 'aleatória', 'CPF'])}.` };
      case 'FURTO':
      case 'FURTO_CELULAR':
      case 'DANO':
      case 'PICHACAO':
        return {
          sex,
          approximateAge: dice.int(15, 40),
          relationshipToVictim: 'unknown',
          description: dice.pick(['Usava boné e moletom escuro.', 'Fugiu de bicicleta.', 'Estava acompanhado de outra pessoa.', 'Não vi o rosto.']),
        };
      default:
        return {
          ...(dice.chance(0.85) ? { name: brazilianName(dice, sex) } : { nickname: dice.pick(['Tião', 'Neguinho', 'Zé', 'Preta', 'Magrão', 'Dona Cida']) }),
          sex,
          approximateAge,
          relationshipToVictim: dice.pick(['acquaintance', 'acquaintance', 'stranger', 'other_relative'] as const),
          ...(dice.chance(0.2) ? { address: fakeAddress(dice, plan.home) } : {}),
        };
    }
  }

  private witnesses(plan: RequestPlan): Witness[] {
    const { dice } = this;
    const [min, max] = plan.profile.witnesses;
    return Array.from({ length: dice.int(min, max) }, () => ({
      fullName: brazilianName(dice, dice.chance(0.5) ? 'female' : 'male'),
      ...(dice.chance(0.7) ? { phone: dice.chance(0.8) ? fakeMobile(dice, plan.home.ddd) : fakeLandline(dice, plan.home.ddd) } : {}),
    }));
  }

  private factPlace(plan: RequestPlan, home: Address): FactPlace {
    const { dice } = this;
    const placeKind = dice.pick(plan.profile.placeKinds);
    if (plan.flaw === 'fact_outside_state') {
      const place = dice.pick(OUT_OF_STATE_PLACES);
      return {
        street: dice.pick(['Avenida Paulista', 'Rua Augusta', 'Avenida Brasil', 'Rua da Praia', 'Avenida Goiás']),
        number: String(dice.int(1, 2500)),
        district: 'Centro',
        municipality: place.municipality,
        municipalityCode: place.ibge,
        uf: place.uf,
        cep: fakeCep(dice, place.cepFrom, place.cepTo),
        placeKind,
      };
    }
    const address = placeKind === 'residence' || placeKind === 'internet' ? home : fakeAddress(dice, plan.factMunicipality);
    const { complement: _complement, ...rest } = address;
    return {
      ...rest,
      placeKind,
      ...(placeKind === 'public_road' && dice.chance(0.3) ? { landmark: dice.pick(['Próximo à padaria', 'Em frente à escola estadual', 'Perto da praça', 'Ao lado do posto de gasolina']) } : {}),
    };
  }

  private attachments(plan: RequestPlan): AttachmentMeta[] {
    const { dice } = this;
    const { attachmentShare, attachmentKinds } = plan.profile;
    if (attachmentKinds.length === 0 || !dice.chance(attachmentShare)) return [];
    return Array.from({ length: dice.int(1, 4) }, (_, index) => {
      const kind = dice.pick(attachmentKinds);
      const [prefix, extension, contentType, maxKb] =
        kind === 'photo' ? ['foto', 'jpg', 'image/jpeg', 4000] : kind === 'pdf' ? ['comprovante', 'pdf', 'application/pdf', 1500] : ['print', 'png', 'image/png', 2000];
      return { name: `${prefix}-${twoDigits(index + 1)}.${extension}`, contentType, size: dice.int(40, maxKb) * 1024, sha256: dice.hex(64) };
    });
  }

  private addCareAndMeasures(plan: RequestPlan, request: OccurrenceRequest, place: FactPlace, factMs: number): void {
    const { dice } = this;
    if (plan.natureCode === 'VD_DESCUMPRIMENTO_MEDIDA' || (plan.dv && dice.chance(0.1))) {
      request.protectiveMeasureProcess = fakeTjmgProcess(dice, localYear(factMs) - dice.int(0, 2));
    }
    if (plan.natureCode === 'VD_VIAS_DE_FATO_LESAO' && dice.chance(0.5)) {
      const unitName = place.municipality === 'Belo Horizonte' ? dice.pick(['Hospital João XXIII', 'UPA Centro-Sul', 'UPA Oeste']) : `UPA ${place.district} — ${place.municipality}`;
      request.medicalCare = { unitName, recordNumber: dice.digits(dice.int(6, 9)) };
    }
  }
}
