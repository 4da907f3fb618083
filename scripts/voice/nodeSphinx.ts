/**
 * Loads the soundswallower WASM module in Node with its en-us model from node_modules
 * (the browser build fetches the same files from the app's /models/soundswallower/ instead).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SphinxModule } from '../../src/core/voice/instantRecognizer';

export async function loadNodeSphinxModule(): Promise<SphinxModule> {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('soundswallower'));
  const { default: createModule } = (await import('soundswallower')) as unknown as {
    default: (overrides: Record<string, unknown>) => Promise<SphinxModule>;
  };
  // modelBase is joined with the model name, so it needs the trailing slash.
  return createModule({ modelBase: join(packageDir, 'model') + '/' });
}
