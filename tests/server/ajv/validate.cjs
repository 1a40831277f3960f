// Validates one JSON document against a JSON Schema with Ajv (https://ajv.js.org), a validator
// that is not CivicDesk's, for tst_open311thirdparty.
//
//   node validate.cjs MODULES SCHEMA_DIR... -- REF DATA_FILE
//
// MODULES is the folder `npm install --prefix` filled (ajv and ajv-formats); every *.json file
// in each SCHEMA_DIR is added under its file name (a folder given as NAME=DIR adds them as
// NAME/FILE); REF names the schema (`request.json`, `swagger.json#/definitions/Request`).
// Prints {"valid": bool, "errors": [...]} and exits 0 when valid, 1 when not, 2 when the
// validator could not run.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function main(argv) {
  const split = argv.indexOf('--');
  if (split < 2 || argv.length !== split + 3)
    throw new Error('usage: validate.cjs MODULES SCHEMA_DIR... -- REF DATA_FILE');
  const modules = path.join(argv[0], 'node_modules');
  const Ajv = require(path.join(modules, 'ajv')).default;
  const addFormats = require(path.join(modules, 'ajv-formats')).default;
  // Not strict: the Open311 schemas are draft-04-style documents and Swagger 2.0, whose other
  // keywords (swagger, paths, examples) are not JSON Schema; every error is reported.
  const ajv = new Ajv({strict: false, allErrors: true});
  addFormats(ajv);
  // Swagger's "uid" (an identifier: any text) has no definition in JSON Schema.
  ajv.addFormat('uid', true);
  for (const given of argv.slice(1, split)) {
    const [prefix, dir] = given.includes('=') ? given.split('=') : ['', given];
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      const schema = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
      ajv.addSchema(schema, prefix ? `${prefix}/${name}` : name);
    }
  }
  const ref = argv[split + 1];
  const data = JSON.parse(fs.readFileSync(argv[split + 2], 'utf8'));
  const validate = ajv.compile({$ref: ref});
  const valid = validate(data);
  process.stdout.write(JSON.stringify({valid, errors: validate.errors || []}) + '\n');
  return valid ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stdout.write(JSON.stringify({valid: false, error: String(error.message || error)}) +
                       '\n');
  process.exitCode = 2;
}
