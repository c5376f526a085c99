import { Alert, Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import { MaintenanceNoticeSchema, type MaintenanceNotice } from '../../shared/schemas';
import type { PlantaoDatabase } from '../data/open-store';

const when = (iso: string) => new Date(iso).toLocaleString('pt-BR', { dateStyle: 'short', timeStyle: 'short' });

/** Planned-maintenance notices, live from the `notices` database, shown until their window ends. */
export function NoticeBanner({ database }: { database: PlantaoDatabase }) {
  const [notices, setNotices] = useState<MaintenanceNotice[]>([]);
  const [now, setNow] = useState(() => new Date().toISOString());

  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date().toISOString()), 30_000);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    const subscription = database.notices
      .find({ selector: { endsAt: { $gt: now } }, sort: [{ endsAt: 'asc' }] })
      .$.subscribe((docs) =>
        setNotices(docs.flatMap((doc) => {
          const parsed = MaintenanceNoticeSchema.safeParse(doc.toJSON());
          return parsed.success ? [parsed.data] : [];
        })),
      );
    return () => subscription.unsubscribe();
  }, [database, now]);

  if (notices.length === 0) return null;
  return (
    <Stack gap="xs" mb="md" data-testid="notices">
      {notices.map((notice) => (
        <Alert key={notice.noticeId} color="yellow" variant="light" title={`Manutenção programada: ${when(notice.startsAt)} até ${when(notice.endsAt)}`}>
          {notice.message}
        </Alert>
      ))}
    </Stack>
  );
}
