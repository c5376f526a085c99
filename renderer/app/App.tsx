import { useEffect, useState } from 'react';
import { LoginPage } from '../auth/LoginPage';
import { logout, type ConsoleSession } from '../auth/login';
import { platform } from '../platform';
import { Shell } from '../shell/Shell';

/** Signed out: the login form. Signed in: the shell over this user's local store. */
export function App() {
  const [session, setSession] = useState<ConsoleSession | null>(null);

  useEffect(() => {
    if (!session) return;
    // Idle or OS lock: close the store so its key leaves memory; the next login reopens it.
    const offLock = platform.onSessionLocked(() => void logout(session).then(() => setSession(null)));
    const offMenu = platform.onMenuCommand(({ command }) => {
      if (command === 'print') void platform.printCurrent();
      if (command === 'export-pdf') void platform.exportPdf('plantao');
    });
    return () => {
      offLock();
      offMenu();
    };
  }, [session]);

  if (!session) return <LoginPage onSignedIn={setSession} />;
  return (
    <Shell
      session={session}
      onLogout={async () => {
        await logout(session);
        setSession(null);
      }}
    />
  );
}
