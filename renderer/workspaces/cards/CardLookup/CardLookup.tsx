import { Alert, Button, Group, Paper, SegmentedControl, Stack, Table, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { deriveCardStage, maskName, type DerivedCardStage } from '../../../../shared/rules';
import { CardStageEventSchema, type CardProcess } from '../../../../shared/schemas';
import type { ConsoleSession } from '../../../auth/login';
import type { StoredDocument } from '../../../data/collection-schemas';
import type { PlantaoDatabase } from '../../../data/open-store';
import { lookupActorOf, lookupCardsLogged } from '../data/card-lookup';
import { workstationId } from '../data/record-events';
import { stripStored } from '../data/strip-stored';
import { ConflictBadge, StageBadge } from '../StageBadge';

type Found = { card: CardProcess; derived: DerivedCardStage };
const date = (iso: string) => new Date(iso).toLocaleDateString('pt-BR');

/**
 * The shell passes the session (who looks up, for the access log). Given only the database, as the shell did
 * before look-ups were logged, the form stays disabled: no look-up may go unlogged.
 */
export type CardLookupProps = { session: ConsoleSession } | { database: PlantaoDatabase };

/** Service desk: the stage of a card by protocol, or by the holder's CPF and birth date, statewide; live. */
export function CardLookup(props: CardLookupProps) {
  const database = 'session' in props ? props.session.database : props.database;
  const actor = useMemo(() => ('session' in props ? lookupActorOf(props.session.profile, workstationId()) : null), [props]);
  const [mode, setMode] = useState<'protocol' | 'cpf'>('protocol');
  const [protocol, setProtocol] = useState('');
  const [cpf, setCpf] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [cards, setCards] = useState<CardProcess[] | null>(null);
  const [found, setFound] = useState<Found[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!cards || cards.length === 0) return setFound([]);
    const protocols = cards.map((card) => card.protocol);
    // Indexed by [protocol, at]: only these cards' events, re-read whenever one of them changes.
    const subscription = database.card_events.find({ selector: { protocol: { $in: protocols } } }).$.subscribe((docs) => {
      const events = docs.map((doc) => CardStageEventSchema.parse(stripStored(doc.toJSON() as StoredDocument)));
      setFound(cards.map((card) => ({ card, derived: deriveCardStage(card, events.filter((event) => event.protocol === card.protocol)) })));
    });
    return () => subscription.unsubscribe();
  }, [database, cards]);

  const search = async () => {
    if (!actor) return;
    const result = await lookupCardsLogged(database, actor, mode === 'protocol' ? { protocol } : { cpf, birthDate });
    setError(result.ok ? null : result.error);
    setCards(result.ok ? result.value : null);
  };

  return (
    <Paper withBorder p="lg" mt="md" data-testid="card-lookup">
      <Title order={3} mb="sm">
        Consulta de carteira de identidade
      </Title>
      <Stack gap="sm">
        <SegmentedControl
          value={mode}
          onChange={(value) => setMode(value as 'protocol' | 'cpf')}
          data={[
            { value: 'protocol', label: 'Por protocolo' },
            { value: 'cpf', label: 'Por CPF e data de nascimento' },
          ]}
          w={420}
        />
        <Group align="flex-end">
          {mode === 'protocol' ? (
            <TextInput label="Protocolo" placeholder="CI-2026-00000000" value={protocol} onChange={(event) => setProtocol(event.currentTarget.value)} />
          ) : (
            <>
              <TextInput label="CPF" placeholder="000.000.000-00" value={cpf} onChange={(event) => setCpf(event.currentTarget.value)} />
              <TextInput label="Data de nascimento" type="date" value={birthDate} onChange={(event) => setBirthDate(event.currentTarget.value)} />
            </>
          )}
          <Button onClick={() => void search()} disabled={!actor}>
            Consultar
          </Button>
        </Group>
        {!actor && <Alert color="orange">Consulta indisponível: sem usuário identificado para o registro de acessos.</Alert>}
        {error && <Alert color="red">{error}</Alert>}
        {cards !== null && cards.length === 0 && <Alert color="yellow">Nenhum processo de carteira encontrado com esses dados.</Alert>}
        {found.length > 0 && (
          <Table data-testid="lookup-results">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Protocolo</Table.Th>
                <Table.Th>Titular</Table.Th>
                <Table.Th>Posto</Table.Th>
                <Table.Th>Etapa</Table.Th>
                <Table.Th>Desde</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {found.map(({ card, derived }) => (
                <Table.Tr key={card.protocol} data-protocol={card.protocol} data-stage={derived.stage}>
                  <Table.Td>{card.protocol}</Table.Td>
                  <Table.Td>{maskName(card.holder.fullName)}</Table.Td>
                  <Table.Td>{card.postId}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <StageBadge derived={derived} />
                      {derived.anomalies.length > 0 && <ConflictBadge />}
                    </Group>
                  </Table.Td>
                  <Table.Td>{date(derived.since)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
