/**
 * A4 records as PDF in browser mode and scripts, where there is no Electron to print them: Chromium
 * through playwright-core. Imported only by browser mode's entry (src/main/bridge/start.ts) and tests,
 * so that the Electron build, which prints with printToPDF, never refers to playwright-core (a
 * development tool that the installer does not hold).
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Prints HTML to an A4 PDF with Chromium through playwright-core (Node only; Electron uses printToPDF). */
export async function htmlToPdf(html: string, opts: { executablePath?: string } = {}): Promise<Uint8Array> {
  // Loaded on use: playwright-core is a development tool, never part of the packaged Electron app.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: opts.executablePath ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => true)');
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
