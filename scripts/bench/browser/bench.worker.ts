/// <reference lib="webworker" />
/** The benchmark's timed work runs here, in a Web Worker like the app's search worker. */
import * as Comlink from 'comlink';
import { latency, load, store } from './bench-core';

export const benchApi = { latency, load, store };
Comlink.expose(benchApi);
