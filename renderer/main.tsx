import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { theme } from './app/theme';
import { platform } from './platform';

const root = document.getElementById('root');
if (!root) throw new Error('#root ausente em index.html');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <div onPointerMove={platform.reportActivity} onKeyDown={platform.reportActivity}>
        <App />
      </div>
    </MantineProvider>
  </StrictMode>,
);
