import type { Role } from '../../shared/schemas';

export type WorkspaceId = 'triage' | 'cards' | 'lookup' | 'supervision' | 'sync';

export interface Workspace {
  id: WorkspaceId;
  label: string;
  /** What this workspace will do, shown until it is built. */
  coming: string;
  roles: readonly Role[] | 'all';
}

export const WORKSPACES: readonly Workspace[] = [
  {
    id: 'triage',
    label: 'Fila de triagem',
    coming: 'Fila de solicitações da sua unidade por prazo, com reserva, validação (número REDS) e rejeição com orientação ao cidadão.',
    roles: ['triage_officer', 'supervisor'],
  },
  {
    id: 'cards',
    label: 'Quadro de carteiras',
    coming: 'Processos de carteira de identidade do posto por etapa: coleta de biometria, recebimento de lotes e entrega ao titular.',
    roles: ['identification_clerk', 'supervisor'],
  },
  {
    id: 'lookup',
    label: 'Consulta',
    coming: 'Busca de solicitações e processos por protocolo ou dados do solicitante, com registro de acesso a dados pessoais.',
    roles: ['service_desk', 'triage_officer', 'identification_clerk', 'supervisor'],
  },
  {
    id: 'supervision',
    label: 'Supervisão',
    coming: 'Pendências, prazos vencidos, conflitos de sincronização, livro de números REDS e registro de acessos da unidade.',
    // A unit's or post's view: an admin has neither.
    roles: ['supervisor'],
  },
  { id: 'sync', label: 'Sincronização', coming: '', roles: 'all' },
];

/** The workspaces a person with these roles sees, in menu order. */
export function workspacesFor(roles: readonly Role[]): Workspace[] {
  return WORKSPACES.filter((workspace) => workspace.roles === 'all' || workspace.roles.some((role) => roles.includes(role)));
}
