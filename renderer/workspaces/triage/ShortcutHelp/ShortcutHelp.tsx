import { Kbd, Modal, Table } from '@mantine/core';

export const SHORTCUTS: ReadonlyArray<[keys: string[], action: string]> = [
  [['j', '↓'], 'Próxima solicitação'],
  [['k', '↑'], 'Solicitação anterior'],
  [['Enter'], 'Abrir a solicitação (reserva para você)'],
  [['c'], 'Reservar'],
  [['v'], 'Validar'],
  [['r'], 'Rejeitar'],
  [['h'], 'Sobrestar (pedir informações)'],
  [['u'], 'Retomar uma solicitação sobrestada'],
  [['/'], 'Buscar por protocolo ou documento'],
  [['Esc'], 'Fechar / voltar à fila'],
  [['?'], 'Mostrar esta ajuda'],
];

export function ShortcutHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Atalhos do teclado" data-testid="shortcut-help">
      <Table>
        <Table.Tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <Table.Tr key={action}>
              <Table.Td>
                {keys.map((key) => (
                  <Kbd key={key} mr={4}>
                    {key}
                  </Kbd>
                ))}
              </Table.Td>
              <Table.Td>{action}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
