// Validates the Modeler's element templates (bpmn/.camunda/element-templates/*.json) against Camunda's JSON schema.
import Ajv from 'ajv';
import fs from 'fs';
import path from 'path';

const schema = JSON.parse(fs.readFileSync('node_modules/@camunda/element-templates-json-schema/resources/schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const dir = 'bpmn/.camunda/element-templates';
let failed = false;
for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.json'))) {
  const templates = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  if (validate(templates)) {
    console.log(`${file}: ${templates.length} template(s) valid`);
  } else {
    failed = true;
    console.error(`${file}: invalid`);
    for (const error of validate.errors) {
      console.error(`  ${error.instancePath || '/'} ${error.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);
