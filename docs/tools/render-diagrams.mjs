// Renders every process in bpmn/ to docs/<process>.svg and docs/<process>.png with bpmn-js in headless Chromium.
//   cd docs/tools && npm install && npm run render      (CHROMIUM=/usr/bin/chromium by default)
import { chromium } from 'playwright-core';
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const viewer = fs.readFileSync(path.join(here, 'node_modules/bpmn-js/dist/bpmn-navigated-viewer.production.min.js'), 'utf8');
const css = ['diagram-js.css', 'bpmn-js.css', 'bpmn-font/css/bpmn-embedded.css']
  .map(f => fs.readFileSync(path.join(here, 'node_modules/bpmn-js/dist/assets', f), 'utf8')).join('\n');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 3000, height: 2000 } });
for (const file of fs.readdirSync(path.join(root, 'bpmn')).filter(f => f.endsWith('.bpmn'))) {
  const xml = fs.readFileSync(path.join(root, 'bpmn', file), 'utf8');
  await page.setContent(`<html><head><style>${css} html,body,#canvas{margin:0;width:100%;height:100%;background:#fff}</style></head>
    <body><div id="canvas"></div></body></html>`);
  await page.addScriptTag({ content: viewer });
  const svg = await page.evaluate(async (xml) => {
    const modeler = new BpmnJS({ container: '#canvas' });
    await modeler.importXML(xml);
    const canvas = modeler.get('canvas');
    canvas.zoom(1);
    const inner = canvas.viewbox().inner;
    const { svg } = await modeler.saveSVG();
    return { svg, width: Math.ceil(inner.width + 40), height: Math.ceil(inner.height + 40) };
  }, xml);
  const name = file.replace('.bpmn', '');
  fs.writeFileSync(path.join(root, 'docs', name + '.svg'), svg.svg);
  // the picture from the SVG, at its own size: the diagram at 100 %, nothing cut, no empty margin
  await page.setViewportSize({ width: svg.width, height: svg.height });
  await page.setContent(`<html><head><style>html,body{margin:0;background:#fff}</style></head><body>${svg.svg}</body></html>`);
  await page.screenshot({ path: path.join(root, 'docs', name + '.png'), clip: { x: 0, y: 0, width: svg.width, height: svg.height } });
  console.log('rendered', name);
}
await browser.close();
