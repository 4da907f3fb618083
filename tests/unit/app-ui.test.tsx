// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/app/App';
import { SouError } from '../../src/core/types';
import { FakeAppClient } from '../helpers/fakeAppClient';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

async function renderApp(client = new FakeAppClient(), language: 'en' | 'zh' = 'en') {
  render(<App client={client} language={language} />);
  // Empty query lists everything once the debounce fires.
  await screen.findAllByRole('heading', { level: 3 });
  return client;
}

function resultTitles(): string[] {
  const list = screen.getByRole('list', { name: /Results/ });
  return within(list)
    .queryAllByRole('heading', { level: 3 })
    .map((h) => h.textContent ?? '');
}

describe('search page', () => {
  it('has a search box with an accessible name in both languages', async () => {
    await renderApp();
    expect(screen.getByRole('searchbox', { name: 'Search products' })).toBeTruthy();
    cleanup();
    await renderApp(new FakeAppClient(), 'zh');
    expect(screen.getByRole('searchbox', { name: /搜索商品.*Search/ })).toBeTruthy();
  });

  it('renders results with image, heading, formatted price and a why line as the user types', async () => {
    const client = await renderApp();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search products' }), { target: { value: 'jacket' } });
    await waitFor(() => expect(resultTitles()).toEqual(['Black Down Jacket', 'Red Rain Jacket']));
    expect(client.searches.at(-1)?.query).toBe('jacket');
    const list = screen.getByRole('list', { name: 'Results' });
    const first = within(list).getAllByRole('listitem')[0];
    expect(within(first).getByRole('img', { name: 'Black Down Jacket' }).getAttribute('loading')).toBe('lazy');
    expect(first.textContent).toContain('$129.50');
    expect(first.textContent).toContain('Matches “jacket”');
    expect(first.textContent).toContain('Similar in meaning');
    expect(screen.getByRole('status').textContent).toBe('2 results');
  });

  it('combines facet checkboxes with the query and removes a filter from its chip', async () => {
    const client = await renderApp();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'jacket' } });
    await waitFor(() => expect(resultTitles()).toHaveLength(2));

    const colour = screen.getByRole('group', { name: 'Colour' });
    const red = within(colour).getByRole('checkbox', { name: /red/ });
    expect(within(colour).getByText('red').parentElement?.textContent).toContain('1');
    fireEvent.click(red);
    await waitFor(() => expect(resultTitles()).toEqual(['Red Rain Jacket']));
    expect(client.searches.at(-1)).toMatchObject({ query: 'jacket', filters: { color: ['red'] } });
    expect((red as HTMLInputElement).checked).toBe(true);
    expect(within(screen.getByRole('list', { name: 'Results' })).getByRole('listitem').textContent).toContain('Filter: colour: red');

    fireEvent.click(screen.getByRole('button', { name: 'Remove filter red' }));
    await waitFor(() => expect(resultTitles()).toHaveLength(2));
    expect(client.searches.at(-1)?.filters).toEqual({});
  });

  it('shows an empty state with suggestions that run a new search', async () => {
    await renderApp();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'submarine' } });
    await screen.findByText('No results for “submarine”.');
    fireEvent.click(screen.getByRole('button', { name: 'jacket' }));
    await waitFor(() => expect(resultTitles()).toHaveLength(2));
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('jacket');
  });

  it('switches the UI language, the html lang and product titles to Chinese', async () => {
    await renderApp();
    expect(screen.getByText('Semantic: instant word-vector encoder (100-d)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '中文' }));
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(screen.getByRole('searchbox', { name: '搜索商品 Search' })).toBeTruthy();
    expect(screen.getByRole('group', { name: '颜色' })).toBeTruthy();
    expect(screen.getByText('语义：即时词向量编码器（100 维）')).toBeTruthy();
    await waitFor(() => expect(resultTitles()).toContain('红色雨衣'));
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('group', { name: 'Colour' })).toBeTruthy();
  });

  it('shows lexical-only mode and progress bars while the model loads and the catalog embeds', async () => {
    const client = await renderApp();
    act(() => client.setStatus({ encoder: { state: 'loading', progress: { file: 'onnx/model_quantized.onnx', loaded: 50, total: 200, status: 'progress' } } }));
    expect(screen.getByText('Search: lexical only (semantic model loading)')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Loading the semantic model' }).getAttribute('aria-valuenow')).toBe('25');
    act(() =>
      client.setStatus({
        encoder: { state: 'embedding', encoder: { id: 'x', dims: 384, kind: 'minilm' }, progress: { done: 30, total: 40 } },
      }),
    );
    expect(screen.getByRole('progressbar', { name: 'Preparing semantic search for the catalog' }).getAttribute('aria-valuenow')).toBe('75');
  });

  it('renders product text as text, never as HTML', async () => {
    const client = new FakeAppClient();
    client.products = [{ ...client.products[0], title: '<img src=x onerror=alert(1)>Jacket' }];
    await renderApp(client);
    expect(resultTitles()).toEqual(['<img src=x onerror=alert(1)>Jacket']);
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it('shows an import error, says the catalog is unchanged, and keeps showing the current catalog', async () => {
    const client = new FakeAppClient();
    client.importError = new SouError('CATALOG_EMPTY', 'No valid products were found, so nothing was imported.', {
      issues: [{ severity: 'error', message: 'line 2: price is missing', line: 2, file: 'bad.jsonl' }],
    });
    await renderApp(client);
    const input = screen.getByLabelText(/Import catalog files/) as HTMLInputElement;
    const file = new File(['{"id":1}\n'], 'bad.jsonl', { type: 'application/x-ndjson' });
    fireEvent.change(input, { target: { files: [file] } });
    const alert = await screen.findByText('Import failed — your current catalog is unchanged.');
    expect(alert.closest('[role="alert"]')?.textContent).toContain('No valid products were found');
    expect(screen.getByText('bad.jsonl line 2: price is missing')).toBeTruthy();
    expect(screen.getByText(/3 products, 0 stored images — built-in catalog/)).toBeTruthy();
    expect(resultTitles()).toHaveLength(3);
  });

  it('shows storage used and persistence', async () => {
    await renderApp();
    expect(await screen.findByText('5 MB used of 100 MB')).toBeTruthy();
    expect(screen.getByText(/Storage is persistent/)).toBeTruthy();
  });

  it('shows a worker crash message while search keeps answering', async () => {
    const client = await renderApp();
    act(() =>
      client.setStatus({
        encoder: { state: 'failed', code: 'WORKER_CRASHED', message: 'The embedding worker crashed again' },
        workerError: { code: 'WORKER_CRASHED', message: 'The embedding worker crashed again' },
      }),
    );
    expect(screen.getAllByRole('alert')[0].textContent).toContain('A background task stopped working');
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'pants' } });
    await waitFor(() => expect(resultTitles()).toEqual(['Black Yoga Pants']));
  });
});
