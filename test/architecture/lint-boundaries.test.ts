import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? 'fatal');
}

describe('architecture lint rules', () => {
  it('refuses Node APIs in shared/', async () => {
    expect(await ruleIdsFor('shared/rules/probe.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n"))
      .toContain('no-restricted-imports');
    expect(await ruleIdsFor('shared/rules/probe.ts', "import path from 'path';\nexport const join = path.join;\n"))
      .toContain('no-restricted-imports');
    expect(await ruleIdsFor('shared/rules/probe.ts', 'export const cwd = () => process.cwd();\n'))
      .toContain('no-restricted-globals');
  });

  it('refuses DOM APIs in shared/', async () => {
    expect(await ruleIdsFor('shared/rules/probe.ts', 'export const here = () => window.location.href;\n'))
      .toContain('no-restricted-globals');
    expect(await ruleIdsFor('shared/rules/probe.ts', 'export const title = () => document.title;\n'))
      .toContain('no-restricted-globals');
  });

  it('accepts pure code in shared/', async () => {
    expect(await ruleIdsFor('shared/rules/probe.ts', "import { z } from 'zod';\nexport const Id = z.string();\n")).toEqual([]);
  });

  it('keeps dependencies pointing one way', async () => {
    expect(await ruleIdsFor('renderer/probe.ts', "import { x } from '../sync-server/app';\nexport const y = x;\n"))
      .toContain('no-restricted-imports');
    expect(await ruleIdsFor('sync-server/probe.ts', "import { x } from '../renderer/app';\nexport const y = x;\n"))
      .toContain('no-restricted-imports');
    expect(await ruleIdsFor('electron/probe.ts', "import { x } from '../sync-server/app';\nexport const y = x;\n"))
      .toContain('no-restricted-imports');
    expect(await ruleIdsFor('shared/probe.ts', "import { x } from '../renderer/app';\nexport const y = x;\n"))
      .toContain('no-restricted-imports');
    expect(await ruleIdsFor('renderer/probe.ts', "import fs from 'node:fs';\nexport const y = fs;\n"))
      .toContain('no-restricted-imports');
    expect(await ruleIdsFor('renderer/probe.ts', "import { z } from '../shared/schemas';\nexport const y = z;\n")).toEqual([]);
  });
});
