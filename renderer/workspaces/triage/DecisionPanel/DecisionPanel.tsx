import { Alert, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { REASON_CODE_FOR_FLAG } from '../../../../shared/reference/reason-templates';
import type { RequestFlag } from '../../../../shared/rules';
import { overridesForValidation } from '../../../../shared/rules/triage/decision';
import type { Result } from '../../../../shared/schemas';
import { templatesFor, type DecisionInput } from '../data/triage-actions';

export type DecisionMode = 'validated' | 'rejected' | 'on_hold';

export interface DecisionPanelProps {
  mode: DecisionMode;
  flags: readonly RequestFlag[];
  onSubmit: (input: DecisionInput) => Promise<Result<unknown>>;
  onCancel: () => void;
}

const TITLES: Record<DecisionMode, string> = { validated: 'Validar e emitir número REDS', rejected: 'Rejeitar com orientação ao cidadão', on_hold: 'Sobrestar: pedir informações ao cidadão' };

function firstTemplateCode(mode: 'rejected' | 'on_hold', flags: readonly RequestFlag[]): string | null {
  const templates = templatesFor(mode);
  const suggested = flags.map((flag) => REASON_CODE_FOR_FLAG[flag.code]).find((code) => templates.some((template) => template.code === code));
  return suggested ?? templates[0]?.code ?? null;
}

function ReasonForm({ mode, flags, onSubmit, onCancel }: DecisionPanelProps & { mode: 'rejected' | 'on_hold' }) {
  const templates = templatesFor(mode);
  const [code, setCode] = useState<string | null>(() => firstTemplateCode(mode, flags));
  const [text, setText] = useState(() => templates.find((template) => template.code === code)?.orientationText ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = (next: string | null) => {
    setCode(next);
    setText(templates.find((template) => template.code === next)?.orientationText ?? '');
  };
  const submit = async () => {
    if (!code) return setError('Escolha o motivo.');
    setBusy(true);
    const result = await onSubmit({ outcome: mode, reasonCode: code, orientationText: text, overrides: [] });
    setBusy(false);
    if (!result.ok) setError(result.error);
  };
  return (
    <Stack gap="sm">
      <Select label="Motivo" data={templates.map((template) => ({ value: template.code, label: template.label }))} value={code} onChange={choose} allowDeselect={false} data-autofocus />
      <Textarea label="Orientação enviada ao cidadão por e-mail (pode editar)" autosize minRows={4} maxRows={10} value={text} onChange={(event) => setText(event.currentTarget.value)} />
      {error && <Alert color="red">{error}</Alert>}
      <Group>
        <Button color={mode === 'rejected' ? 'red' : 'yellow'} loading={busy} onClick={() => void submit()}>
          {mode === 'rejected' ? 'Rejeitar e enviar orientação' : 'Sobrestar e enviar pedido'}
        </Button>
        <Button variant="default" onClick={onCancel}>
          Cancelar
        </Button>
      </Group>
    </Stack>
  );
}

function ValidateForm({ flags, onSubmit, onCancel }: Omit<DecisionPanelProps, 'mode'>) {
  const blocking = flags.filter((flag) => flag.severity === 'blocking');
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const overrides = overridesForValidation(flags, justification);
    if (!overrides.ok) return setError(overrides.error);
    setBusy(true);
    const result = await onSubmit({ outcome: 'validated', overrides: overrides.value });
    setBusy(false);
    if (!result.ok) setError(result.error);
  };
  return (
    <Stack gap="sm">
      {blocking.length > 0 ? (
        <>
          <Alert color="red" title="Alertas impeditivos">
            {blocking.map((flag) => (
              <Text key={flag.code} size="sm">
                • {flag.message}
              </Text>
            ))}
          </Alert>
          <Textarea label="Justificativa para validar mesmo assim (mín. 10 caracteres)" value={justification} onChange={(event) => setJustification(event.currentTarget.value)} data-autofocus />
        </>
      ) : (
        <Text size="sm">Nenhum alerta impeditivo. A validação emite um número REDS desta estação (funciona sem conexão).</Text>
      )}
      {error && <Alert color="red">{error}</Alert>}
      <Group>
        <Button color="green" loading={busy} onClick={() => void submit()} data-autofocus={blocking.length === 0 ? true : undefined}>
          Confirmar validação
        </Button>
        <Button variant="default" onClick={onCancel}>
          Cancelar
        </Button>
      </Group>
    </Stack>
  );
}

export function DecisionPanel(props: DecisionPanelProps) {
  const { mode } = props;
  return (
    <Paper withBorder p="md" data-testid="decision-panel" data-mode={mode}>
      <Title order={4} mb="sm">
        {TITLES[mode]}
      </Title>
      {mode === 'validated' ? <ValidateForm {...props} /> : <ReasonForm key={mode} {...props} mode={mode} />}
    </Paper>
  );
}
