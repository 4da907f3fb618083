/**
 * Entry point: renders the app over the worker-backed client and, in production builds,
 * registers the service worker that scripts/build-sw.ts generates (offline after first visit).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { WorkerAppClient } from './client/appClient';
import './app/styles.css';

const client = new WorkerAppClient();
// Exposed for end-to-end tests and debugging in the console; holds no secrets.
(globalThis as { __sou?: WorkerAppClient }).__sou = client;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void import('workbox-window').then(({ Workbox }) => {
    const wb = new Workbox('/sw.js');
    // A new version activates on the next visit; the page never reloads under the user's hands.
    wb.register().catch((err: unknown) => console.warn('sou: service worker registration failed', err));
  });
}
