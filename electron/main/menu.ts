import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc';

export type MenuActions = {
  /** Forwarded to the renderer as `menu:command`: it knows what the current view is and how to name its PDF. */
  sendCommand: (command: MenuCommand['command']) => void;
  lockSession: () => void;
};

/** The pt-BR application menu. Edit, view and window items use Electron roles so shortcuts work on every OS. */
export function buildMenuTemplate({ isDev, isMac }: { isDev: boolean; isMac: boolean }, actions: MenuActions): MenuItemConstructorOptions[] {
  return [
    {
      label: 'Arquivo',
      submenu: [
        { label: 'Imprimir…', accelerator: 'CmdOrCtrl+P', click: () => actions.sendCommand('print') },
        { label: 'Exportar PDF…', accelerator: 'CmdOrCtrl+Shift+E', click: () => actions.sendCommand('export-pdf') },
        { type: 'separator' },
        { label: 'Bloquear sessão', accelerator: 'CmdOrCtrl+L', click: actions.lockSession },
        { type: 'separator' },
        { label: 'Sair', role: 'quit' },
      ],
    },
    {
      label: 'Editar',
      submenu: [
        { label: 'Desfazer', role: 'undo' },
        { label: 'Refazer', role: 'redo' },
        { type: 'separator' },
        { label: 'Recortar', role: 'cut' },
        { label: 'Copiar', role: 'copy' },
        { label: 'Colar', role: 'paste' },
        { label: 'Selecionar tudo', role: 'selectAll' },
      ],
    },
    {
      label: 'Exibir',
      submenu: [
        { label: 'Aumentar zoom', role: 'zoomIn' },
        { label: 'Diminuir zoom', role: 'zoomOut' },
        { label: 'Tamanho original', role: 'resetZoom' },
        { type: 'separator' },
        { label: 'Tela cheia', role: 'togglefullscreen' },
        // Reloading and DevTools would let a user bypass the lock screen: development builds only.
        ...(isDev
          ? ([
              { type: 'separator' },
              { label: 'Recarregar', role: 'reload' },
              { label: 'Ferramentas do desenvolvedor', role: 'toggleDevTools' },
            ] satisfies MenuItemConstructorOptions[])
          : []),
      ],
    },
    {
      label: 'Janela',
      submenu: [
        { label: 'Minimizar', role: 'minimize' },
        ...(isMac ? ([{ label: 'Zoom', role: 'zoom' }] satisfies MenuItemConstructorOptions[]) : []),
        { label: 'Fechar', role: 'close' },
      ],
    },
    {
      label: 'Ajuda',
      submenu: [{ label: 'Sobre o Plantão', click: () => actions.sendCommand('about') }],
    },
  ];
}
