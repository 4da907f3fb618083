/** E2E helpers: see tests/e2e/README.md. */
export * from './app';
export * from './browser';
export * from './paths';
export * from './selectors';
export * from './server';
export * from './media';
