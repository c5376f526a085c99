import { Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { combineLatest } from 'rxjs';
import type { PlantaoDatabase } from '../data/open-store';

/** How much of the server's data this console holds for offline work. */
export function LocalDataSummary({ database }: { database: PlantaoDatabase }) {
  const [counts, setCounts] = useState<{ requests: number; cards: number; notes: number } | null>(null);
  useEffect(() => {
    const subscription = combineLatest({
      requests: database.requests.count().$,
      cards: database.cards.count().$,
      notes: database.notes.count().$,
    }).subscribe(setCounts);
    return () => subscription.unsubscribe();
  }, [database]);
  if (!counts) return null;
  const number = (value: number) => value.toLocaleString('pt-BR');
  return (
    <Group gap="lg" mt="md" data-testid="local-data">
      <Text size="sm">
        <b>{number(counts.requests)}</b> solicitações
      </Text>
      <Text size="sm">
        <b>{number(counts.cards)}</b> processos de carteira
      </Text>
      <Text size="sm">
        <b>{number(counts.notes)}</b> notas
      </Text>
      <Text size="sm" c="dimmed">
        disponíveis neste computador, também sem conexão
      </Text>
    </Group>
  );
}
