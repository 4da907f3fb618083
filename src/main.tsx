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
// Start the first-run flow before React renders, so the catalog download and index build overlap
// with rendering instead of waiting for the first effect (App calls start() too; it runs once).
void client.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  // Registered after the load event: precaching the app shell, WASM and models (tens of MB)
  // must not compete with the first visit's catalog download and index build.
  const register = () => void import('workbox-window').then(({ Workbox }) => {
    const wb = new Workbox('/sw.js');
    // A new version activates on the next visit; the page never reloads under the user's hands.
    wb.register().catch((err: unknown) => console.warn('sou: service worker registration failed', err));
  });
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
