import { createHash } from 'node:crypto';
import { findNature, NATURES } from '../../shared/reference/natures';
import { isDomesticViolenceNature, localDateOf } from '../../shared/rules';
import { checkSubmission } from '../../shared/rules/request-submission';
import {
  OccurrenceRequestSchema,
  SCHEMA_VERSION,
  type FieldError,
  type IntakeAccepted,
  type OccurrenceRequest,
  type RequestSubmission,
} from '../../shared/schemas';
import { forbidden, HttpError } from '../auth/http-error';
import type { Principal } from '../auth/principal';
import type { AccessPolicy } from '../policy/access-policy';
import { allDocsQuery, type Storage, type WriteOptions } from '../storage/storage';
import type { IntakeStorePort } from './intake-store-port';
import { routeToUnit, type IntakeRouting } from './routing';

export const REQUESTS_DB = 'requests';

/** A 400 with the refused fields, as `IntakeRefusedSchema`. */
export class IntakeRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly fields: FieldError[],
  ) {
    super(reason);
  }
}

export type IntakeOutcome = IntakeAccepted & { created: boolean };

export interface IntakeServiceOptions {
  storage: Storage;
  policy: AccessPolicy;
  store: IntakeStorePort;
  routing: IntakeRouting;
  now?: () => number;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Takes citizen-portal submissions: validates, numbers, routes and stores each as one request document. */
export class IntakeService {
  private readonly now: () => number;

  constructor(private readonly options: IntakeServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  async submit(principal: Principal, body: unknown): Promise<IntakeOutcome> {
    if (!principal.roles.includes('intake')) throw forbidden('Só a integração do portal do cidadão envia solicitações.');
    const checked = checkSubmission(body);
    if (!checked.ok) throw new IntakeRefusal('Solicitação inválida: corrija os campos indicados.', checked.error);
    const submission = checked.value;
    const nature = findNature(NATURES, submission.natureCode, submission.natureTableVersion);
    if (!nature) {
      throw new IntakeRefusal('Natureza desconhecida.', [{ path: 'natureCode', message: 'natureza não encontrada na tabela de referência' }]);
    }
    const unitId = routeToUnit(this.options.routing, submission, principal);
    if (!unitId) throw new HttpError(503, 'service_unavailable', 'Nenhuma unidade configurada para receber solicitações.');

    const receivedAt = new Date(this.now()).toISOString();
    const year = Number(localDateOf(receivedAt).slice(0, 4));
    const documentFor = (protocol: string): OccurrenceRequest =>
      OccurrenceRequestSchema.parse({
        ...submission,
        type: 'request',
        schemaVersion: SCHEMA_VERSION,
        protocol,
        unitId,
        receivedAt,
        secret: isDomesticViolenceNature(nature),
      });
    // The policy sees the request before a number is spent on it.
    const precheck = await this.options.policy.checkWrite(
      principal,
      { db: REQUESTS_DB, id: `DV-${year}-00000000`, deleted: false, body: documentFor(`DV-${year}-00000000`) },
      null,
    );
    if (!precheck.ok) throw forbidden(precheck.error.reason);

    // Created with the first request, so that a server without intake traffic keeps its database list.
    await this.options.storage.createDatabase(REQUESTS_DB);
    const reservation = await this.options.store.reserve({
      portalSubmissionId: submission.portalSubmissionId,
      submissionSha256: sha256(canonical(submission)),
      year,
      floor: await this.highestSequence(year),
      build: (protocol) => JSON.stringify(documentFor(protocol)),
    });
    if (reservation.kind === 'mismatch') {
      throw new HttpError(409, 'conflict', 'Outra solicitação já foi recebida com este identificador do portal.');
    }
    if (reservation.kind === 'existing' && reservation.stored) return { ok: true, protocol: reservation.protocol, created: false };
    await this.write(submission.portalSubmissionId, reservation.protocol, reservation.document, this.writeOptions(principal));
    return { ok: true, protocol: reservation.protocol, created: reservation.kind === 'new' };
  }

  /** Writes the submissions a crash left numbered but unstored (checked by the policy when they came in). */
  async repair(): Promise<number> {
    const pending = await this.options.store.unstored();
    for (const row of pending) {
      await this.write(row.portalSubmissionId, row.protocol, row.document, {
        newEdits: true,
        scopeOf: (id, body) => this.options.policy.scopeOf(REQUESTS_DB, id, body),
        check: async () => ({ ok: true }),
      });
    }
    return pending.length;
  }

  private writeOptions(principal: Principal): WriteOptions {
    return {
      newEdits: true,
      scopeOf: (id, body) => this.options.policy.scopeOf(REQUESTS_DB, id, body),
      check: (write, current, view) => this.options.policy.checkWrite(principal, write, current, view),
    };
  }

  /** One storage write of the whole document: it is there entirely or not at all. */
  private async write(portalSubmissionId: string, protocol: string, document: string, options: WriteOptions): Promise<void> {
    const [result] = await this.options.storage.bulkWrite(
      REQUESTS_DB,
      [{ id: protocol, deleted: false, body: JSON.parse(document) as Record<string, unknown>, attachments: {} }],
      options,
    );
    // A concurrent resubmission may have written the same document first: the request is there, whole.
    if ((result && 'ok' in result) || (await this.options.storage.getBody(REQUESTS_DB, protocol))) {
      await this.options.store.markStored(portalSubmissionId);
      return;
    }
    await this.options.store.forget(portalSubmissionId);
    throw new HttpError(result?.error === 'forbidden' ? 403 : 500, result?.error ?? 'internal_error', result?.reason ?? 'Falha ao gravar a solicitação.');
  }

  /** The highest protocol sequence of the year already stored (imported or demo data), so none is reissued. */
  private async highestSequence(year: number): Promise<number> {
    const page = await this.options.storage.allDocs(
      REQUESTS_DB,
      allDocsQuery({ startKey: `DV-${year}-99999999`, endKey: `DV-${year}-`, descending: true, limit: 1 }),
    );
    const key = page.rows[0]?.key;
    return key ? Number(key.slice(8)) : 0;
  }
}

/** Zod builds parsed objects in schema order, so equal submissions serialize equally whatever the sender's key order. */
const canonical = (submission: RequestSubmission): string => JSON.stringify(submission);
