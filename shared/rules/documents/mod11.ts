/** The Receita Federal mod-11 digit used by CPF and CNPJ: remainder below 2 gives 0, else 11 − remainder. */
export function mod11Digit(values: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  values.forEach((value, index) => {
    sum += value * (weights[index] as number);
  });
  const remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
}
