import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { login, type ConsoleSession } from './login';
import { validateLoginForm, type LoginForm, type LoginFormErrors } from './login-form';
import { normalizeServerUrl } from './normalize-server-url';
import { defaultServerUrl } from './server-url';

export function LoginPage({ onSignedIn }: { onSignedIn: (session: ConsoleSession) => void }) {
  const [values, setValues] = useState<LoginForm>({ server: defaultServerUrl(), name: '', password: '' });
  const [errors, setErrors] = useState<LoginFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: keyof LoginForm) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = validateLoginForm(values);
    if (!checked.ok) return setErrors(checked.errors);
    setBusy(true);
    try {
      const result = await login(normalizeServerUrl(checked.value.server) ?? checked.value.server, checked.value.name, checked.value.password);
      if (result.ok) onSignedIn(result.value);
      else setFailure(result.error);
    } catch (error) {
      setFailure(`Não foi possível abrir os dados locais: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md">
      <Paper component="form" onSubmit={submit} noValidate withBorder shadow="sm" p="xl" w={400} aria-label="Entrar no Plantão">
        <Stack>
          <div>
            <Title order={2}>Plantão</Title>
            <Text c="dimmed" size="sm">
              Console da Delegacia Virtual e dos postos de identificação
            </Text>
          </div>
          {failure && (
            <Alert color="red" title="Não foi possível entrar" role="alert">
              {failure}
            </Alert>
          )}
          <TextInput label="Servidor" name="server" value={values.server} onChange={set('server')} error={errors.server} autoComplete="url" />
          <TextInput label="Usuário" name="name" value={values.name} onChange={set('name')} error={errors.name} autoComplete="username" autoFocus />
          <PasswordInput label="Senha" name="password" value={values.password} onChange={set('password')} error={errors.password} autoComplete="current-password" />
          <Button type="submit" loading={busy}>
            Entrar
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
