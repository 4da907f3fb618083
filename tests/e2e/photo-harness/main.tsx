/**
 * Mounts PhotoSearchButton with a real photo worker over the catalog served at /catalog/, indexes
 * it (descriptors + CLIP when installed) and shows state as data attributes for the e2e tests.
 * `window.photoHarness` exposes the client for CLIP text scoring and the crash test.
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { PhotoSearchButton } from '../../../src/app/components/photo/PhotoSearchButton';
import { parseCatalogJsonl } from '../../../src/core/eval/catalogReader';
import type { SouError } from '../../../src/core/types';
import { createPhotoClient } from '../../../src/photo/photoClient';
import type { PhotoIndexProgress, PhotoSearchResult, PhotoStatus } from '../../../src/photo/types';

const client = createPhotoClient();
let colors: Record<string, string | null> = {};
/** Progress events with timestamps, for scripts/bench/photo.ts (indexing throughput). */
const timeline: Array<{ kind: string; done: number; total: number; t: number }> = [];
(window as unknown as { photoHarness: unknown }).photoHarness = {
  client,
  colorOf: (id: string) => colors[id] ?? null,
  timeline,
};

function Harness() {
  const [status, setStatus] = useState<PhotoStatus | null>(null);
  const [indexed, setIndexed] = useState(false);
  const [progress, setProgress] = useState<PhotoIndexProgress | null>(null);
  const [result, setResult] = useState<PhotoSearchResult | null>(null);
  const [error, setError] = useState<string>('');

  useEffect(() => {
    (async () => {
      const text = await (await fetch('/catalog/catalog.jsonl')).text();
      const products = parseCatalogJsonl(text).map((p) => ({ ...p, image: new URL(p.image, `${location.origin}/catalog/`).href }));
      colors = Object.fromEntries(products.map((p) => [p.id, p.color]));
      setStatus(await client.setCatalog(products));
      setStatus(
        await client.startIndexing((p) => {
          timeline.push({ ...p, t: performance.now() });
          setProgress(p);
        }),
      );
      setIndexed(true);
    })().catch((e: SouError) => setError(`${e.code ?? ''} ${e.message}`));
  }, []);

  return (
    <div
      data-testid="photo-harness"
      data-ready={indexed ? 'true' : 'false'}
      data-indexed={status?.indexed ?? 0}
      data-cnn={status?.cnn ?? ''}
      data-clip={status?.clip ?? ''}
      data-harness-error={error}
    >
      <input type="search" data-testid="search-input" aria-label="Search" />
      <PhotoSearchButton client={client} lang="en" onResults={setResult} onClear={() => setResult(null)} />
      {progress && <progress data-testid="photo-progress" value={progress.done} max={progress.total} data-kind={progress.kind} />}
      <ol data-testid="results" data-took-ms={result ? Math.round(result.tookMs) : ''} data-used-cnn={result ? String(result.usedCnn) : ''}>
        {(result?.hits ?? []).map((h) => (
          <li key={h.id} data-testid="result" data-id={h.id}>
            {h.id}
          </li>
        ))}
      </ol>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<Harness />);
