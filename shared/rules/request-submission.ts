import { z } from 'zod';
import { err, ok, RequestSubmissionSchema, type FieldError, type RequestSubmission, type Result } from '../schemas';

// Messages the schemas leave to zod come out in Brazilian Portuguese; the schemas' own messages win.
const ptBR = z.locales.ptBR().localeError;

const pathOf = (path: readonly PropertyKey[]): string => (path.length === 0 ? '(corpo)' : path.map(String).join('.'));

/** Checks what the citizen portal sent: the submission, or one pt-BR message per refused field. */
export function checkSubmission(body: unknown): Result<RequestSubmission, FieldError[]> {
  const parsed = RequestSubmissionSchema.safeParse(body, { error: ptBR });
  if (parsed.success) return ok(parsed.data);
  return err(parsed.error.issues.map((issue) => ({ path: pathOf(issue.path), message: issue.message })));
}
