import { readFileSync } from 'node:fs';
import { launchBrowser, openApp, SEL, closeEverything } from './index';
const plain = process.argv[2] === 'plain';
const browser = await launchBrowser();
const page = browser.page;
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text().slice(0, 300)); });
let served = 0;
if (plain) {
await browser.context.route('**/ort/ort-wasm-simd-threaded.asyncify.mjs', (r) => { served++; return r.fulfill({ body: readFileSync('dist/ort/ort-wasm-simd-threaded.mjs'), contentType: 'text/javascript' }); });
await browser.context.route('**/ort/ort-wasm-simd-threaded.asyncify.wasm', (r) => { served++; return r.fulfill({ body: readFileSync('dist/ort/ort-wasm-simd-threaded.wasm'), contentType: 'application/wasm' }); });
}
const app = await openApp({ browser });
const t0 = Date.now();
try {
  await page.waitForSelector(`${SEL.modelStatus}[data-state="ready"]`, { timeout: 90_000 });
  console.log(plain ? 'PLAIN' : 'ASYNCIFY', 'model ready after', Date.now() - t0, 'ms; substituted', served);
  const ms = await page.evaluate(async () => { const t = performance.now(); return t; });
  console.log(app.requests.urls().filter(u => u.includes('/ort/')));
} catch (e) {
  console.log('FAILED', (e as Error).message.slice(0, 300), await page.locator(SEL.modelStatus).getAttribute('data-state'), await page.locator(SEL.error).allTextContents());
}
await closeEverything();
