import { z } from 'zod';
import { UserIdSchema } from '../../shared/schemas';
import { normalizeServerUrl } from './normalize-server-url';

/** The login form's fields, with what is wrong in each said in pt-BR. */
export const LoginFormSchema = z.object({
  server: z
    .string()
    .trim()
    .min(1, 'Informe o endereço do servidor.')
    .refine((value) => normalizeServerUrl(value) !== null, 'Endereço inválido: use http:// ou https://.'),
  name: z
    .string()
    .trim()
    .min(1, 'Informe o usuário.')
    .refine((value) => UserIdSchema.safeParse(value).success, 'Usuário inválido: use letras minúsculas, números, ponto, hífen ou sublinhado.'),
  password: z.string().min(1, 'Informe a senha.').max(1024, 'Senha longa demais.'),
});
export type LoginForm = z.infer<typeof LoginFormSchema>;
export type LoginFormErrors = Partial<Record<keyof LoginForm, string>>;

export function validateLoginForm(values: LoginForm): { ok: true; value: LoginForm } | { ok: false; errors: LoginFormErrors } {
  const parsed = LoginFormSchema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: LoginFormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof LoginForm;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
