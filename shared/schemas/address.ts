import { z } from 'zod';
import { CepSchema, UfSchema } from './common';

export const AddressSchema = z.object({
  street: z.string().min(1).max(200),
  number: z.string().max(20).optional(),
  complement: z.string().max(120).optional(),
  district: z.string().min(1).max(120),
  municipality: z.string().min(1).max(120),
  /** IBGE 7-digit municipality code, from the shared address table (seed 004). */
  municipalityCode: z.string().regex(/^\d{7}$/).optional(),
  uf: UfSchema,
  cep: CepSchema.optional(),
});
export type Address = z.infer<typeof AddressSchema>;

export const FactPlaceSchema = AddressSchema.extend({
  placeKind: z.enum(['residence', 'public_road', 'commercial', 'public_transport', 'internet', 'rural', 'other']),
  landmark: z.string().max(200).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
});
export type FactPlace = z.infer<typeof FactPlaceSchema>;
