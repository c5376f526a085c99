import { describe, expect, it } from 'vitest';
import { workspacesFor } from './navigation';

const ids = (roles: Parameters<typeof workspacesFor>[0]) => workspacesFor(roles).map((workspace) => workspace.id);

describe('workspacesFor', () => {
  it('gives each role its own workspaces, and everyone the sync page', () => {
    expect(ids(['triage_officer'])).toEqual(['triage', 'lookup', 'sync']);
    expect(ids(['identification_clerk'])).toEqual(['cards', 'lookup', 'sync']);
    expect(ids(['service_desk'])).toEqual(['lookup', 'sync']);
    expect(ids(['supervisor'])).toEqual(['triage', 'cards', 'lookup', 'supervision', 'sync']);
    expect(ids(['admin'])).toEqual(['sync']);
  });

  it('joins the workspaces of several roles without repeating any', () => {
    expect(ids(['triage_officer', 'service_desk'])).toEqual(['triage', 'lookup', 'sync']);
  });
});
