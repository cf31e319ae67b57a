#!/usr/bin/env node
// Draws the app's install icons (www/icons/*.png, listed in www/manifest.webmanifest) from the
// same mark as www/favicon.svg, by having Debian's Chromium render it at each size. The PNGs are
// committed; rerun this only when the mark changes: node scripts/make-icons.mjs
//
// Each icon fills its square with the brand colour and keeps the tick inside the central 80%
// circle that every platform's mask leaves visible, so the 512 px one serves as both the plain
// and the "maskable" icon, and no corner needs transparency (which makes the files larger).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = createRequire(path.join(ROOT, 'tests', 'e2e', 'package.json'))('playwright-core');

const tick = (scale, offset) =>
  `<path d="M8 17l5 5 11-12" transform="translate(${offset} ${offset}) scale(${scale})" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>`;
const MARK = `<rect width="32" height="32" fill="#1d4f91"/>${tick(0.7, 4.8)}`;
const ICONS = [
  { file: 'icon-192.png', size: 192, svg: MARK },
  { file: 'icon-512.png', size: 512, svg: MARK },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  for (const { file, size, svg } of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const markup = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="${size}" height="${size}">${svg}</svg>`;
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${markup}`);
    const out = path.join(ROOT, 'www', 'icons', file);
    await page.screenshot({ path: out, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(`make-icons: ${path.relative(ROOT, out)} ${fs.statSync(out).size} bytes`);
    await page.close();
  }
} finally {
  await browser.close();
}
