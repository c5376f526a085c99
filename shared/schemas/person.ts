import { z } from 'zod';
import { AddressSchema } from './address';
import { CnpjSchema, CpfSchema, IsoDateSchema, UfSchema } from './common';

export const SexSchema = z.enum(['female', 'male']);
export const GenderIdentitySchema = z.enum(['woman', 'trans_woman', 'man', 'trans_man', 'non_binary', 'not_informed']);
export const SchoolingSchema = z.enum([
  'none', 'elementary_incomplete', 'elementary', 'high_school_incomplete', 'high_school',
  'higher_incomplete', 'higher', 'postgraduate',
]);
export const MaritalStatusSchema = z.enum(['single', 'married', 'stable_union', 'divorced', 'separated', 'widowed']);

export const RgSchema = z.object({
  number: z.string().regex(/^[0-9A-Za-z]{4,14}$/, 'RG inválido'),
  uf: UfSchema,
});
export type Rg = z.infer<typeof RgSchema>;

/** Contact fields are optional in the shape: their absence is a blocking flag, not an unreadable request. */
export const ContactSchema = z.object({
  email: z.string().max(254).optional(),
  mobile: z.string().max(20).optional(),
});

const PersonCoreSchema = z.object({
  fullName: z.string().min(3).max(160),
  socialName: z.string().max(160).optional(),
  birthDate: IsoDateSchema,
  sex: SexSchema,
  genderIdentity: GenderIdentitySchema,
  schooling: SchoolingSchema,
  maritalStatus: MaritalStatusSchema,
  address: AddressSchema,
});

/** Who files: the victim themself or a legal representative (then `victim` is required on the request). */
export const RequesterCapacitySchema = z.enum(['self', 'legal_representative']);

export const BrazilianRequesterSchema = PersonCoreSchema.extend({
  kind: z.literal('person_br'),
  capacity: RequesterCapacitySchema,
  nationality: z.literal('BR'),
  rg: RgSchema,
  cpf: CpfSchema,
}).extend(ContactSchema.shape);

export const ForeignDocumentSchema = z.object({
  kind: z.enum(['passport', 'rne', 'rnm']),
  number: z.string().regex(/^[0-9A-Za-z-]{5,20}$/, 'documento inválido'),
  issuingCountry: z.string().regex(/^[A-Z]{2}$/).optional(),
});
export type ForeignDocument = z.infer<typeof ForeignDocumentSchema>;

export const ForeignRequesterSchema = PersonCoreSchema.extend({
  kind: z.literal('person_foreign'),
  capacity: RequesterCapacitySchema,
  /** ISO 3166-1 alpha-2 country of nationality. */
  nationality: z.string().regex(/^[A-Z]{2}$/),
  document: ForeignDocumentSchema,
  cpf: CpfSchema.optional(),
}).extend(ContactSchema.shape);

export const CompanyRequesterSchema = z
  .object({
    kind: z.literal('company'),
    corporateName: z.string().min(2).max(200),
    tradeName: z.string().max(200).optional(),
    cnpj: CnpjSchema,
    address: AddressSchema,
    /** The employee who files on the company's behalf. */
    contactPerson: z.string().min(3).max(160),
  })
  .extend(ContactSchema.shape);

export const RequesterSchema = z.discriminatedUnion('kind', [
  BrazilianRequesterSchema,
  ForeignRequesterSchema,
  CompanyRequesterSchema,
]);
export type Requester = z.infer<typeof RequesterSchema>;
export type BrazilianRequester = z.infer<typeof BrazilianRequesterSchema>;
export type ForeignRequester = z.infer<typeof ForeignRequesterSchema>;
export type CompanyRequester = z.infer<typeof CompanyRequesterSchema>;

/** The victim, when a legal representative files (a child, an adolescent, an incapable adult). */
export const VictimSchema = z.object({
  fullName: z.string().min(3).max(160),
  socialName: z.string().max(160).optional(),
  birthDate: IsoDateSchema,
  sex: SexSchema,
  genderIdentity: GenderIdentitySchema,
  cpf: CpfSchema.optional(),
  relationshipToRequester: z.enum(['parent', 'guardian', 'curator', 'other_legal']),
});
export type Victim = z.infer<typeof VictimSchema>;

export const AuthorSchema = z.object({
  name: z.string().max(160).optional(),
  nickname: z.string().max(80).optional(),
  sex: SexSchema.optional(),
  approximateAge: z.number().int().min(0).max(120).optional(),
  relationshipToVictim: z
    .enum(['spouse', 'ex_spouse', 'partner', 'ex_partner', 'parent', 'child', 'sibling', 'other_relative', 'acquaintance', 'stranger', 'unknown'])
    .optional(),
  cpf: CpfSchema.optional(),
  address: AddressSchema.optional(),
  description: z.string().max(2000).optional(),
});
export type Author = z.infer<typeof AuthorSchema>;

export const WitnessSchema = z.object({
  fullName: z.string().min(3).max(160),
  phone: z.string().max(20).optional(),
  address: AddressSchema.optional(),
});
export type Witness = z.infer<typeof WitnessSchema>;
