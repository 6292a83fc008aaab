import '@fontsource/inter/400.css';
import '@fontsource/inter/500.css';
import '@fontsource/inter/600.css';
import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme';
import './styles/global.css';
import { i18nReady } from './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createQueryClient } from './App';
import { prefetchForPath } from './api/queries';
import { stampEditsWithServerClock } from './api/serverClock';
import { registerServiceWorker } from './shell/serviceWorker';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
// Ask the server for what this page needs while the language and React start.
stampEditsWithServerClock();
const client = createQueryClient();
prefetchForPath(client, location.pathname);
// Render in the person's own language from the first frame (nn/en load on demand).
await i18nReady;
createRoot(root).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
registerServiceWorker();
