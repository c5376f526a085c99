import { Alert, Paper, Tabs, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { CARD_ROLES } from '../../../../shared/rules';
import type { ConsoleSession } from '../../../auth/login';
import { BatchReceive } from '../BatchReceive';
import { Board } from '../Board';
import { CardDetail } from '../CardDetail';
import { useCardBoard } from '../data/use-card-board';
import { recordCardEvents, stampEvents, workstationId, type NewCardEvent } from '../data/record-events';
import { PickupOverdue } from '../PickupOverdue';

/** The identity-card workspace of one post: board, batch receive, pickups overdue, and the card's detail. */
function PostCards({ session, postId }: { session: ConsoleSession; postId: string }) {
  const { database, profile } = session;
  const { index, version, loaded, postRules, post } = useCardBoard(database, postId);
  const [open, setOpen] = useState<string | null>(null);
  const role = profile.roles.find((candidate) => CARD_ROLES.includes(candidate));
  const recorder = useMemo(() => ({ userId: profile.userId, displayName: profile.displayName, workstationId: workstationId() }), [profile]);

  const recordAll = useCallback(
    async (moves: NewCardEvent[]) => {
      const result = await recordCardEvents(database, stampEvents(moves, recorder, new Date()));
      return result.ok ? null : result.error;
    },
    [database, recorder],
  );
  const record = useCallback((move: NewCardEvent) => recordAll([move]), [recordAll]);
  const selected = open ? index.get(open) : undefined;
  // A board restored from its snapshot holds no events: the detail's history reads the card's own.
  useEffect(() => {
    if (open) index.ensureEvents(open);
  }, [index, open]);

  return (
    <Paper withBorder p="lg" data-testid="cards-workspace" data-loaded={loaded} data-version={version}>
      <Title order={3}>Quadro de carteiras</Title>
      <Text c="dimmed" size="sm" mb="md">
        {post ? `${post.name} — ${post.municipality}/${post.uf}` : postId}
      </Text>
      <Tabs defaultValue="board">
        <Tabs.List mb="md">
          <Tabs.Tab value="board">Quadro por etapa</Tabs.Tab>
          <Tabs.Tab value="batch">Receber lote</Tabs.Tab>
          <Tabs.Tab value="overdue">Retirada vencida</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="board">
          <Board index={index} version={version} postRules={postRules} onOpen={setOpen} />
        </Tabs.Panel>
        <Tabs.Panel value="batch">
          <BatchReceive index={index} postId={postId} onRecordAll={recordAll} />
        </Tabs.Panel>
        <Tabs.Panel value="overdue">
          <PickupOverdue index={index} version={version} postRules={postRules} onOpen={setOpen} onRecordAll={recordAll} />
        </Tabs.Panel>
      </Tabs>
      <CardDetail
        card={selected?.card ?? null}
        derived={selected?.derived ?? null}
        events={open ? index.eventsOf(open) : []}
        postRules={postRules}
        role={role}
        onClose={() => setOpen(null)}
        onRecord={record}
      />
    </Paper>
  );
}

export function CardsWorkspace({ session }: { session: ConsoleSession }) {
  const postId = session.profile.postId;
  if (!postId) return <Alert color="yellow">Seu usuário não está vinculado a um posto de identificação.</Alert>;
  return <PostCards session={session} postId={postId} />;
}
