import { Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import type { Ref } from 'react';
import { NATURES } from '../../../../shared/reference/natures';
import { TRIAGE_STATE_LABELS } from '../../../../shared/rules';
import type { QueueFilter } from '../../../../shared/rules/triage/queue';
import type { TriageState } from '../../../../shared/schemas';

const OPEN_STATES: TriageState[] = ['received', 'in_triage', 'on_hold'];

export function QueueFilters({ filter, onChange, searchRef }: { filter: QueueFilter; onChange: (next: QueueFilter) => void; searchRef: Ref<HTMLInputElement> }) {
  const natures = NATURES.filter((nature) => nature.acceptedOnline).map((nature) => ({ value: nature.code, label: nature.label }));
  return (
    <Group gap="sm" align="flex-end" mb="sm">
      <TextInput
        ref={searchRef}
        label="Buscar"
        placeholder="Protocolo ou documento do solicitante ( / )"
        value={filter.search ?? ''}
        onChange={(event) => onChange({ ...filter, search: event.currentTarget.value })}
        w={300}
        data-testid="queue-search"
      />
      <Select label="Natureza" placeholder="Todas" data={natures} value={filter.natureCode ?? null} onChange={(value) => onChange({ ...filter, natureCode: value ?? undefined })} clearable searchable w={220} />
      <Select
        label="Alertas"
        placeholder="Todos"
        data={[
          { value: 'blocking', label: 'Com impeditivo' },
          { value: 'warning', label: 'Com atenção' },
          { value: 'none', label: 'Sem alertas' },
        ]}
        value={filter.flags ?? null}
        onChange={(value) => onChange({ ...filter, flags: (value as QueueFilter['flags']) ?? undefined })}
        clearable
        w={160}
      />
      <Select
        label="Situação"
        placeholder="Todas"
        data={OPEN_STATES.map((state) => ({ value: state, label: TRIAGE_STATE_LABELS[state] }))}
        value={filter.state ?? null}
        onChange={(value) => onChange({ ...filter, state: (value as TriageState | null) ?? undefined })}
        clearable
        w={150}
      />
      <SegmentedControl
        value={filter.claim ?? 'all'}
        onChange={(value) => onChange({ ...filter, claim: value === 'all' ? undefined : (value as 'mine' | 'free') })}
        data={[
          { value: 'all', label: 'Todas' },
          { value: 'mine', label: 'Minhas' },
          { value: 'free', label: 'Livres' },
        ]}
      />
    </Group>
  );
}
