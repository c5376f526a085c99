import { NATURES } from '../shared/reference/natures';
import { REASON_TEMPLATES } from '../shared/reference/reason-templates';
import type { Post, ReasonTemplate, Role, Unit, UserProfile } from '../shared/schemas';
import type { DemoRegion } from './geography';

export interface DemoUnit extends Unit {
  region: DemoRegion;
}

const unit = (unitId: string, name: string, region: DemoRegion): DemoUnit => ({
  type: 'unit',
  schemaVersion: 1,
  unitId,
  name,
  uf: 'MG',
  serviceLevelMinutes: 60,
  maxFactAgeDays: 180,
  claimLeaseMinutes: 15,
  region,
});

export const DEMO_UNITS: readonly DemoUnit[] = [
  unit('dv-mg-capital', 'Delegacia Virtual MG — Capital e Região Metropolitana', 'capital'),
  unit('dv-mg-sul', 'Delegacia Virtual MG — Interior Sul, Zona da Mata e Triângulo', 'south'),
  unit('dv-mg-norte', 'Delegacia Virtual MG — Interior Norte e Leste', 'north'),
];

export function unitOfRegion(region: DemoRegion): DemoUnit {
  return DEMO_UNITS.find((item) => item.region === region) as DemoUnit;
}

const post = (postId: string, name: string, municipality: string): Post => ({
  type: 'post',
  schemaVersion: 1,
  postId,
  name,
  municipality,
  uf: 'MG',
  pickupDeadlineDays: 90,
  stageTargetDays: { validated: 3, in_production: 10, shipped: 5, pending_issue: 15 },
  defaultStageTargetDays: 7,
});

export const DEMO_POSTS: readonly Post[] = [
  post('bh-01', 'UAI Praça Sete — Belo Horizonte', 'Belo Horizonte'),
  post('bh-02', 'UAI Barreiro — Belo Horizonte', 'Belo Horizonte'),
  post('contagem-01', 'UAI Contagem', 'Contagem'),
  post('betim-01', 'UAI Betim', 'Betim'),
  post('uberlandia-01', 'UAI Uberlândia', 'Uberlândia'),
  post('juiz-de-fora-01', 'UAI Juiz de Fora', 'Juiz de Fora'),
  post('montes-claros-01', 'UAI Montes Claros', 'Montes Claros'),
  post('uberaba-01', 'UAI Uberaba', 'Uberaba'),
];

/** Share of the demo card processes per post (bigger cities, bigger posts). */
export const POST_WEIGHTS: Record<string, number> = {
  'bh-01': 30, 'bh-02': 14, 'contagem-01': 12, 'betim-01': 8, 'uberlandia-01': 13, 'juiz-de-fora-01': 10, 'montes-claros-01': 7, 'uberaba-01': 6,
};

/** A staff account of the demo; the server seeding gives each one a password. */
export interface DemoUser {
  userId: string;
  displayName: string;
  roles: Role[];
  unitId?: string;
  postId?: string;
}

const user = (userId: string, displayName: string, role: Role, scope: { unitId?: string; postId?: string } = {}): DemoUser => ({
  userId,
  displayName,
  roles: [role],
  ...scope,
});

export const DEMO_USERS: readonly DemoUser[] = [
  user('ana.ferreira', 'Ana Paula Ferreira', 'triage_officer', { unitId: 'dv-mg-capital' }),
  user('bruno.rocha', 'Bruno Henrique Rocha', 'triage_officer', { unitId: 'dv-mg-capital' }),
  user('carla.mendes', 'Carla Mendes de Souza', 'triage_officer', { unitId: 'dv-mg-capital' }),
  user('diego.almeida', 'Diego Almeida Santos', 'triage_officer', { unitId: 'dv-mg-capital' }),
  user('elisa.campos', 'Elisa Campos Ribeiro', 'triage_officer', { unitId: 'dv-mg-capital' }),
  user('fabio.nunes', 'Fábio Nunes Pereira', 'triage_officer', { unitId: 'dv-mg-capital' }),
  user('gabriela.lima', 'Gabriela Lima Costa', 'triage_officer', { unitId: 'dv-mg-sul' }),
  user('henrique.moura', 'Henrique Moura Teixeira', 'triage_officer', { unitId: 'dv-mg-sul' }),
  user('isabela.freitas', 'Isabela Freitas Araújo', 'triage_officer', { unitId: 'dv-mg-sul' }),
  user('joao.carvalho', 'João Victor Carvalho', 'triage_officer', { unitId: 'dv-mg-sul' }),
  user('karina.dias', 'Karina Dias Monteiro', 'triage_officer', { unitId: 'dv-mg-norte' }),
  user('leonardo.barbosa', 'Leonardo Barbosa Lopes', 'triage_officer', { unitId: 'dv-mg-norte' }),
  user('marcia.gomes', 'Márcia Gomes Vieira', 'triage_officer', { unitId: 'dv-mg-norte' }),
  user('renata.oliveira', 'Renata Oliveira Prado', 'supervisor', { unitId: 'dv-mg-capital' }),
  user('sergio.martins', 'Sérgio Martins Faria', 'supervisor', { unitId: 'dv-mg-sul' }),
  user('tania.castro', 'Tânia Castro Rezende', 'supervisor', { unitId: 'dv-mg-norte' }),
  user('paulo.reis', 'Paulo Reis Andrade', 'service_desk', { unitId: 'dv-mg-capital' }),
  user('queila.santana', 'Queila Santana Cruz', 'service_desk', { unitId: 'dv-mg-sul' }),
  user('lucas.pinto', 'Lucas Pinto Barros', 'identification_clerk', { postId: 'bh-01' }),
  user('mariana.cunha', 'Mariana Cunha Rocha', 'identification_clerk', { postId: 'bh-01' }),
  user('nelson.ramos', 'Nelson Ramos Silva', 'identification_clerk', { postId: 'bh-02' }),
  user('olivia.marques', 'Olívia Marques Duarte', 'identification_clerk', { postId: 'contagem-01' }),
  user('pedro.cardoso', 'Pedro Cardoso Melo', 'identification_clerk', { postId: 'betim-01' }),
  user('rafaela.soares', 'Rafaela Soares Pimenta', 'identification_clerk', { postId: 'uberlandia-01' }),
  user('samuel.vieira', 'Samuel Vieira Tavares', 'identification_clerk', { postId: 'juiz-de-fora-01' }),
  user('thais.correia', 'Thaís Correia Batista', 'identification_clerk', { postId: 'montes-claros-01' }),
  user('ubirajara.lopes', 'Ubirajara Lopes Fonseca', 'identification_clerk', { postId: 'uberaba-01' }),
  user('vera.machado', 'Vera Machado Queiroz', 'supervisor', { postId: 'bh-01' }),
  user('wagner.nogueira', 'Wagner Nogueira Lins', 'supervisor', { postId: 'uberlandia-01' }),
  user('admin', 'Administração Plantão', 'admin'),
  user('intake.portal', 'Integração do portal do cidadão', 'intake'),
];

export const INTAKE_USER = DEMO_USERS.find((item) => item.roles.includes('intake')) as DemoUser;

export function usersWith(role: Role, scope: { unitId?: string; postId?: string }): DemoUser[] {
  return DEMO_USERS.filter(
    (item) => item.roles.includes(role) && (scope.unitId === undefined || item.unitId === scope.unitId) && (scope.postId === undefined || item.postId === scope.postId),
  );
}

/** Each demo user works at one console; ids follow WorkstationIdSchema. */
export function workstationOf(userId: string): string {
  return `ws-${userId.replace(/[._]/g, '-')}`;
}

export function userProfileOf(demoUser: DemoUser): UserProfile {
  return { type: 'user', schemaVersion: 1, ...demoUser, active: true };
}

export { REASON_TEMPLATES };

export function reasonTemplate(code: string): ReasonTemplate {
  const found = REASON_TEMPLATES.find((item) => item.code === code);
  if (!found) throw new Error(`unknown reason template ${code}`);
  return found;
}

export { NATURES };
