import { Badge, Group, Select, Tabs, Text, TextInput } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { CARD_STAGE_LABELS, localDateOf, maskCpf } from '../../../../shared/rules';
import { cardSearchMatcher, stageAging, type StageAging } from '../../../../shared/rules/cards';
import { CARD_STAGES, type CardStage, type Post } from '../../../../shared/schemas';
import type { BoardCard, CardStageIndex } from '../data/card-stage-index';
import { AgingBadge, ConflictBadge, StageBadge } from '../StageBadge';
import classes from './Board.module.css';

type StageTab = CardStage | 'all';
type Filter = 'all' | 'late' | 'near' | 'conflict';

const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'all', label: 'Todas' },
  { value: 'late', label: 'Prazo vencido' },
  { value: 'near', label: 'Perto do prazo ou vencido' },
  { value: 'conflict', label: 'Com conflito para o supervisor' },
];

const ROW_HEIGHT = 44;

interface Row extends BoardCard {
  aging: StageAging;
}

function passes(row: Row, filter: Filter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'late':
      return row.aging.level === 'late';
    case 'near':
      return row.aging.level === 'late' || row.aging.level === 'near';
    case 'conflict':
      return row.derived.anomalies.length > 0;
  }
}

export interface BoardProps {
  index: CardStageIndex;
  version: number;
  postRules: Pick<Post, 'stageTargetDays' | 'defaultStageTargetDays'>;
  onOpen: (protocol: string) => void;
}

/** The post's cards by stage: counts, days in stage against the post's targets, search and filters, virtualized. */
export function Board({ index, version, postRules, onOpen }: BoardProps) {
  const [tab, setTab] = useState<StageTab>('all');
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const deferredQuery = useDeferredValue(query);
  const viewport = useRef<HTMLDivElement>(null);

  const today = localDateOf(new Date());
  // Aging and order change only with the cards, the day or the post's targets, not with each keystroke.
  const aged = useMemo(() => {
    const rows: Row[] = [];
    for (const card of index.all()) rows.push({ ...card, aging: stageAging(card.derived.stage, card.sinceDate, today, postRules) });
    // Longest waiting first: what the clerk should look at.
    return rows.sort((a, b) => b.aging.days - a.aging.days || (a.card.protocol < b.card.protocol ? -1 : 1));
    // `version` is the dependency that changes whenever the index does.
  }, [index, version, today, postRules]);

  // A search or filter is one pass over the ordered rows: substring tests on keys folded once per card.
  const { matching, counts } = useMemo(() => {
    const matches = deferredQuery ? cardSearchMatcher(deferredQuery) : null;
    const counts = new Map<StageTab, number>([['all', 0]]);
    const matching: Row[] = [];
    for (const row of aged) {
      if ((matches && !matches(row.searchKey)) || !passes(row, filter)) continue;
      matching.push(row);
      counts.set('all', (counts.get('all') ?? 0) + 1);
      counts.set(row.derived.stage, (counts.get(row.derived.stage) ?? 0) + 1);
    }
    return { matching, counts };
  }, [aged, deferredQuery, filter]);

  const rows = useMemo(() => (tab === 'all' ? matching : matching.filter((row) => row.derived.stage === tab)), [matching, tab]);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => viewport.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  return (
    <div>
      <Group align="flex-end" mb="sm">
        <TextInput
          label="Buscar por protocolo, CPF ou nome"
          placeholder="CI-2026-… , 000.000.000-00 ou nome"
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          w={360}
          data-testid="board-search"
        />
        <Select label="Filtro" data={FILTERS} value={filter} onChange={(value) => setFilter((value as Filter | null) ?? 'all')} allowDeselect={false} w={280} />
      </Group>
      <Tabs value={tab} onChange={(value) => setTab((value as StageTab | null) ?? 'all')} keepMounted={false}>
        <Tabs.List mb="xs">
          {(['all', ...CARD_STAGES] as StageTab[]).map((stage) => (
            <Tabs.Tab
              key={stage}
              value={stage}
              data-testid={`stage-tab-${stage}`}
              rightSection={
                <Badge size="sm" variant="light" color="gray" data-testid={`stage-count-${stage}`} data-count={counts.get(stage) ?? 0}>
                  {(counts.get(stage) ?? 0).toLocaleString('pt-BR')}
                </Badge>
              }
            >
              {stage === 'all' ? 'Todas' : CARD_STAGE_LABELS[stage]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <div
        ref={viewport}
        className={classes.viewport}
        data-testid="board-list"
        data-rows={rows.length}
        data-query={deferredQuery}
        data-filter={filter}
        data-tab={tab}
      >
        <div className={classes.header}>
          <span>Protocolo</span>
          <span>Titular</span>
          <span>CPF</span>
          <span>Etapa</span>
          <span>Na etapa</span>
          <span />
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index] as Row;
            return (
              <div
                key={row.card.protocol}
                className={classes.row}
                style={{ top: item.start, height: ROW_HEIGHT }}
                onClick={() => onOpen(row.card.protocol)}
                data-protocol={row.card.protocol}
                data-stage={row.derived.stage}
                role="button"
              >
                <span className={classes.cell}>{row.card.protocol}</span>
                <span className={classes.cell}>{row.card.holder.socialName ?? row.card.holder.fullName}</span>
                <span className={classes.cell}>{maskCpf(row.card.holder.cpf)}</span>
                <span className={classes.cell}>
                  <StageBadge derived={row.derived} />
                </span>
                <span className={classes.cell}>
                  <AgingBadge aging={row.aging} />
                </span>
                <span className={classes.cell}>{row.derived.anomalies.length > 0 && <ConflictBadge />}</span>
              </div>
            );
          })}
        </div>
        {rows.length === 0 && (
          <Text c="dimmed" p="md">
            Nenhuma carteira nesta etapa com os filtros escolhidos.
          </Text>
        )}
      </div>
    </div>
  );
}
