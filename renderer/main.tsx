import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppInfo } from '../shared/ipc';
import { platform } from './platform';

/** Placeholder until the console app lands: proves the shell, the bridge and the CSP load a React page. */
function Placeholder() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [locked, setLocked] = useState(false);

  useEffect(() => {
    void platform.appInfo().then(setInfo);
    const offLock = platform.onSessionLocked(() => setLocked(true));
    const offMenu = platform.onMenuCommand(({ command }) => {
      if (command === 'print') void platform.printCurrent();
      if (command === 'export-pdf') void platform.exportPdf('plantao');
    });
    return () => {
      offLock();
      offMenu();
    };
  }, []);

  return (
    <main onPointerMove={platform.reportActivity} onKeyDown={platform.reportActivity}>
      <h1>Plantão</h1>
      <p>{locked ? 'Sessão bloqueada por inatividade.' : 'Console em preparação.'}</p>
      {info && <p>Versão {info.version} ({info.shell}, {info.platform})</p>}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Placeholder />
  </StrictMode>,
);
