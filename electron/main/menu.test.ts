import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from './menu';

const submenu = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];
const labels = (items: MenuItemConstructorOptions[]) => items.filter((item) => item.type !== 'separator').map((item) => item.label);

function build(isDev = false) {
  const commands: string[] = [];
  const template = buildMenuTemplate({ isDev, isMac: false }, { sendCommand: (c) => void commands.push(c), lockSession: () => void commands.push('lock') });
  return { template, commands };
}

describe('buildMenuTemplate', () => {
  it('has the pt-BR top-level menus', () => {
    expect(labels(build().template)).toEqual(['Arquivo', 'Editar', 'Exibir', 'Janela', 'Ajuda']);
  });

  it('offers Imprimir and Exportar PDF, forwarded to the renderer, and the session lock', () => {
    const { template, commands } = build();
    const file = submenu(template[0]!);
    expect(labels(file)).toEqual(['Imprimir…', 'Exportar PDF…', 'Bloquear sessão', 'Sair']);
    for (const item of file) (item.click as (() => void) | undefined)?.();
    expect(commands).toEqual(['print', 'export-pdf', 'lock']);
  });

  it('keeps reload and developer tools out of production builds', () => {
    const roles = (isDev: boolean) => submenu(build(isDev).template[2]!).map((item) => item.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });
});
