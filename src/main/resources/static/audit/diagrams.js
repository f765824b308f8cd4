// Renders each process of the person (JSON in #diagrams-data) with bpmn-js, the path taken and where it is now marked.
const diagrams = JSON.parse(document.getElementById('diagrams-data').textContent);
window.diagramsRendered = 0;
diagrams.forEach(async (d, i) => {
  const viewer = new BpmnJS({ container: '#diagram-' + i });
  await viewer.importXML(d.xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  d.visited.forEach(id => registry.get(id) && canvas.addMarker(id, 'visited'));
  d.active.forEach(id => registry.get(id) && canvas.addMarker(id, 'active'));
  canvas.zoom('fit-viewport');
  window.diagramsRendered++;
});
