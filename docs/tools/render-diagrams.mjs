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
const page = await browser.newPage({ viewport: { width: 2400, height: 1400 } });
for (const file of fs.readdirSync(path.join(root, 'bpmn')).filter(f => f.endsWith('.bpmn'))) {
  const xml = fs.readFileSync(path.join(root, 'bpmn', file), 'utf8');
  await page.setContent(`<html><head><style>${css} html,body,#canvas{margin:0;width:100%;height:100%;background:#fff}</style></head>
    <body><div id="canvas"></div></body></html>`);
  await page.addScriptTag({ content: viewer });
  const svg = await page.evaluate(async (xml) => {
    const modeler = new BpmnJS({ container: '#canvas' });
    await modeler.importXML(xml);
    modeler.get('canvas').zoom('fit-viewport');
    const { svg } = await modeler.saveSVG();
    return svg;
  }, xml);
  const name = file.replace('.bpmn', '');
  fs.writeFileSync(path.join(root, 'docs', name + '.svg'), svg);
  await page.screenshot({ path: path.join(root, 'docs', name + '.png') });
  console.log('rendered', name);
}
await browser.close();
