// @vitest-environment jsdom
/**
 * Voice and photo search in the app shell, over fake voice/photo clients (the real workers run in
 * the e2e tests): the buttons, where transcripts and photo results go, errors, and that both get
 * the catalog on first use and again when it changes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/app/App';
import { createMediaSearch, type MediaFactories } from '../../src/app/state/media';
import { SouError, type Product } from '../../src/core/types';
import type { PhotoClient } from '../../src/photo/photoClient';
import type { PhotoSearchResult } from '../../src/photo/types';
import type { VoiceClient } from '../../src/voice/voiceClient';
import type { VoiceResult } from '../../src/voice/voiceService';
import { FakeAppClient } from '../helpers/fakeAppClient';

interface Fakes {
  factories: MediaFactories;
  voiceCatalogs: Product[][];
  photoCatalogs: Product[][];
  /** What the next listen() / searchPhoto() resolves or rejects with. */
  nextVoice: () => Promise<VoiceResult>;
  nextPhoto: () => Promise<PhotoSearchResult>;
  nextRefine: () => Promise<PhotoSearchResult>;
  /** The callbacks of the recording in progress (partial transcripts, level). */
  listening: Parameters<VoiceClient['listen']>[1] | null;
  voiceCreated: number;
}

function photoResult(ids: string[]): PhotoSearchResult {
  return {
    hits: ids.map((id, i) => ({ id, score: 6 - i })),
    summary: { colors: ['black'], type: 'jacket', label: 'black · jacket-like' },
    quality: 'ok' as PhotoSearchResult['quality'],
    refinedColors: [],
    usedCnn: true,
    weak: false,
    indexed: 3,
    total: 3,
    tookMs: 12,
  };
}

function makeFakes(): Fakes {
  const fakes: Fakes = {
    voiceCatalogs: [],
    photoCatalogs: [],
    nextVoice: async () => ({ text: 'red jacket', engine: 'instant', durationS: 1.2 }),
    nextPhoto: async () => photoResult(['p3', 'p1']),
    nextRefine: async () => photoResult(['p2']),
    listening: null,
    voiceCreated: 0,
    factories: {
      async createVoice() {
        fakes.voiceCreated++;
        const voice: VoiceClient = {
          warmUp: async () => 'instant',
          setCatalog: async (products) => {
            fakes.voiceCatalogs.push([...products]);
          },
          listen: (_lang, callbacks) => {
            fakes.listening = callbacks ?? null;
            return { stop() {}, result: fakes.nextVoice() };
          },
          transcribeFile: () => fakes.nextVoice(),
          dispose() {},
        };
        return voice;
      },
      async createPhoto() {
        const photo = {
          setCatalog: async (products: Product[]) => {
            fakes.photoCatalogs.push([...products]);
            return { indexed: 0, total: products.length, cnn: 'ready', clip: 'off', clipIndexed: 0 };
          },
          startIndexing: async () => ({ indexed: 3, total: 3, cnn: 'ready', clip: 'off', clipIndexed: 0 }),
          searchPhoto: () => fakes.nextPhoto(),
          refine: () => fakes.nextRefine(),
          moreLikeThis: async () => photoResult(['p2', 'p3']),
          forgetPhoto: async () => undefined,
        };
        return photo as unknown as PhotoClient;
      },
    },
  };
  return fakes;
}

function resultIds(): string[] {
  return Array.from(document.querySelectorAll('[data-testid="result"]')).map((e) => e.getAttribute('data-id') ?? '');
}

async function renderApp(fakes: Fakes, language: 'en' | 'zh' = 'en') {
  const client = new FakeAppClient();
  render(<App client={client} language={language} media={createMediaSearch(client, fakes.factories)} />);
  await screen.findAllByRole('heading', { level: 3 });
  return client;
}

beforeEach(() => {
  // jsdom has no object URLs; the photo preview only needs a string.
  URL.createObjectURL = vi.fn(() => 'blob:preview');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('voice and photo search in the app', () => {
  it('has Voice and Photo buttons beside the search box, in English and Chinese', async () => {
    const fakes = makeFakes();
    await renderApp(fakes);
    expect(screen.getByRole('button', { name: /Voice/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Photo/ })).toBeTruthy();
    cleanup();
    await renderApp(makeFakes(), 'zh');
    expect(screen.getByRole('button', { name: /语音搜索.*Voice/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /拍照搜索.*Photo/ })).toBeTruthy();
    // Nothing is created until the shopper uses voice.
    expect(fakes.voiceCreated).toBe(0);
  });

  it('puts the transcript in the search box, searches it, and says which engine heard it', async () => {
    const fakes = makeFakes();
    const client = await renderApp(fakes);
    fireEvent.click(screen.getByRole('button', { name: /Voice/ }));
    await waitFor(() => expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('red jacket'));
    await waitFor(() => expect(client.searches.at(-1)?.query).toBe('red jacket'));
    expect(screen.getByTestId('voice-status').textContent).toMatch(/Heard by the instant recogniser/);
    // The voice client got the catalog before listening.
    expect(fakes.voiceCatalogs[0]?.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    // Still editable.
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'red jacket women' } });
    await waitFor(() => expect(client.searches.at(-1)?.query).toBe('red jacket women'));
  });

  it('keeps what the shopper typed over a partial transcript when the final one arrives later', async () => {
    const fakes = makeFakes();
    let finish!: (r: VoiceResult) => void;
    fakes.nextVoice = () => new Promise<VoiceResult>((resolve) => (finish = resolve));
    const client = await renderApp(fakes);
    const box = () => (screen.getByRole('searchbox') as HTMLInputElement).value;
    fireEvent.click(screen.getByRole('button', { name: /Voice/ }));
    await waitFor(() => expect(fakes.listening).not.toBeNull());
    act(() => fakes.listening!.onPartial?.('red jack'));
    expect(box()).toBe('red jack');
    // The shopper corrects the box while the final transcript is still being worked out.
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'red jacket women' } });
    await act(async () => finish({ text: 'red jacket', engine: 'whisper', durationS: 1.4 }));
    await waitFor(() => expect(screen.getByTestId('voice-status').getAttribute('data-phase')).toBe('idle'));
    expect(box()).toBe('red jacket women');
    await waitFor(() => expect(client.searches.at(-1)?.query).toBe('red jacket women'));

    // The next recording fills the box again.
    fakes.nextVoice = async () => ({ text: 'blue shorts', engine: 'instant', durationS: 1.1 });
    fireEvent.click(screen.getByRole('button', { name: /Voice/ }));
    await waitFor(() => expect(box()).toBe('blue shorts'));
  });

  it('shows a blocked microphone as an alert and keeps text search working', async () => {
    const fakes = makeFakes();
    fakes.nextVoice = async () => {
      throw new SouError('MIC_DENIED', 'Microphone access is blocked. Allow the microphone in the browser’s site settings, or type your search.');
    };
    const client = await renderApp(fakes);
    fireEvent.click(screen.getByRole('button', { name: /Voice/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('MIC_DENIED');
    expect(alert.textContent).toMatch(/Microphone access is blocked/);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'pants' } });
    await waitFor(() => expect(client.searches.at(-1)?.query).toBe('pants'));
  });

  it('shows photo matches as result cards with what it saw, refines, and clears back to text results', async () => {
    const fakes = makeFakes();
    await renderApp(fakes);
    fireEvent.click(screen.getByRole('button', { name: /Photo/ }));
    const dialog = await screen.findByRole('dialog');
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'shirt.jpg', { type: 'image/jpeg' });
    fireEvent.change(within(dialog).getByTestId('photo-file'), { target: { files: [file] } });
    fireEvent.click(await within(dialog).findByTestId('photo-submit'));
    await waitFor(() => expect(resultIds()).toEqual(['p3', 'p1']));
    expect(screen.getByTestId('results').getAttribute('data-mode')).toBe('photo');
    expect(screen.getByTestId('photo-seen').textContent).toBe('Seen: black · jacket-like');
    expect(fakes.photoCatalogs[0]?.length).toBe(3);

    fireEvent.change(screen.getByTestId('photo-refine'), { target: { value: 'this, but in red' } });
    fireEvent.submit(screen.getByTestId('photo-refine').closest('form')!);
    await waitFor(() => expect(resultIds()).toEqual(['p2']));

    fireEvent.click(screen.getByTestId('photo-clear'));
    await waitFor(() => expect(screen.getByTestId('results').getAttribute('data-mode')).toBe('text'));
    expect(resultIds()).toEqual(['p1', 'p2', 'p3']);
    expect(screen.queryByTestId('photo-seen')).toBeNull();
  });

  it('a photo answer that arrives after the shopper cleared it or typed a query does not replace the text results', async () => {
    const fakes = makeFakes();
    const client = await renderApp(fakes);
    const photoSearch = async () => {
      fireEvent.click(screen.getByRole('button', { name: /Photo/ }));
      const dialog = await screen.findByRole('dialog');
      fireEvent.change(within(dialog).getByTestId('photo-file'), { target: { files: [new File([new Uint8Array([0xff, 0xd8, 0xff])], 'shirt.jpg', { type: 'image/jpeg' })] } });
      fireEvent.click(await within(dialog).findByTestId('photo-submit'));
    };
    // Long enough for a late answer to reach the screen (product lookup and render included).
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    const held = () => {
      let release!: () => void;
      const answer = new Promise<PhotoSearchResult>((resolve) => (release = () => resolve(photoResult(['p2']))));
      const asked = { count: 0 };
      const ask = () => {
        asked.count++;
        return answer;
      };
      return { ask, asked, release };
    };
    await photoSearch();
    await waitFor(() => expect(resultIds()).toEqual(['p3', 'p1']));

    /** Asks for "this, but in red" and returns while the photo worker is still working it out. */
    const refineSlowly = async () => {
      const slow = held();
      fakes.nextRefine = slow.ask;
      fireEvent.change(screen.getByTestId('photo-refine'), { target: { value: 'this, but in red' } });
      fireEvent.submit(screen.getByTestId('photo-refine').closest('form')!);
      await waitFor(() => expect(slow.asked.count).toBe(1));
      return slow;
    };

    // Clear while "this, but in red" is still being worked out.
    const slowRefine = await refineSlowly();
    fireEvent.click(screen.getByTestId('photo-clear'));
    await waitFor(() => expect(screen.getByTestId('results').getAttribute('data-mode')).toBe('text'));
    await act(async () => {
      slowRefine.release();
      await settle();
    });
    expect(screen.getByTestId('results').getAttribute('data-mode')).toBe('text');
    expect(resultIds()).toEqual(['p1', 'p2', 'p3']);
    expect(screen.queryByTestId('photo-seen')).toBeNull();

    // Type a query while a refinement is still running: the typed query wins.
    await photoSearch();
    await waitFor(() => expect(resultIds()).toEqual(['p3', 'p1']));
    const slowRefine2 = await refineSlowly();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'pants' } });
    await waitFor(() => expect(client.searches.at(-1)?.query).toBe('pants'));
    await act(async () => {
      slowRefine2.release();
      await settle();
    });
    expect(screen.getByTestId('results').getAttribute('data-mode')).toBe('text');
    expect(screen.queryByTestId('photo-seen')).toBeNull();
    // The photo button is not left busy: a new photo search can start.
    expect(screen.getByTestId('photo-search').getAttribute('data-state')).toBe('idle');

    // Close the camera dialog (Escape) while its search is running: that cancels it.
    const slowPhoto = held();
    fakes.nextPhoto = slowPhoto.ask;
    await photoSearch();
    await waitFor(() => expect(slowPhoto.asked.count).toBe(1));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await act(async () => {
      slowPhoto.release();
      await settle();
    });
    expect(screen.getByTestId('results').getAttribute('data-mode')).toBe('text');
    expect(screen.queryByTestId('photo-seen')).toBeNull();
    // And the next photo search works as before.
    fakes.nextPhoto = async () => photoResult(['p1']);
    await photoSearch();
    await waitFor(() => expect(resultIds()).toEqual(['p1']));
  });

  it('explains an unreadable photo inside the dialog', async () => {
    const fakes = makeFakes();
    fakes.nextPhoto = async () => {
      throw new SouError('IMAGE_DECODE', 'This picture could not be opened — the file may be damaged. Try another photo.');
    };
    await renderApp(fakes);
    fireEvent.click(screen.getByRole('button', { name: /Photo/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('photo-file'), { target: { files: [new File(['x'], 'x.jpg', { type: 'image/jpeg' })] } });
    fireEvent.click(await within(dialog).findByTestId('photo-submit'));
    await waitFor(() => expect(within(dialog).getByTestId('error').getAttribute('data-code')).toBe('IMAGE_DECODE'));
  });
});

describe('createMediaSearch', () => {
  it('feeds voice and photo the catalog on first use and again when the catalog changes', async () => {
    const fakes = makeFakes();
    const client = new FakeAppClient();
    const media = createMediaSearch(client, fakes.factories);
    media.catalogChanged('fp-1');
    await media.voice.warmUp();
    await media.photo.searchPhoto(new Blob(['x']));
    expect(fakes.voiceCatalogs.length).toBe(1);
    expect(fakes.photoCatalogs.length).toBe(1);

    // Same catalog: nothing re-sent.
    await media.voice.warmUp();
    expect(fakes.voiceCatalogs.length).toBe(1);

    // An import changes the catalog: both rebuild (voice grammar, photo index).
    client.products = client.products.slice(0, 2);
    await act(async () => media.catalogChanged('fp-2'));
    await waitFor(() => expect(fakes.voiceCatalogs.length).toBe(2));
    await waitFor(() => expect(fakes.photoCatalogs.length).toBe(2));
    expect(fakes.voiceCatalogs[1]!.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(fakes.photoCatalogs[1]!.map((p) => p.id)).toEqual(['p1', 'p2']);
    await waitFor(() => expect(media.photoIndex().phase).toBe('ready'));
  });
});
