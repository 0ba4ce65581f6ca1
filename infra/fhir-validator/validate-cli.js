#!/usr/bin/env node
'use strict';
// Validates FHIR JSON files with the HL7 validator against base R4 and the ANS SAS guide's
// profiles (those named in meta.profile, plus any --profile URL):
//
//   npm run fhir:validate -- answer.json [more.json…] [--profile http://sas.fr/fhir/StructureDefinition/BundleAgregateur]
//
// Prints every issue; exits 1 when any file has an error.
const fs = require('node:fs');
const { startValidator } = require('./validator');

async function main(args) {
  const profiles = [];
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--profile') profiles.push(args[++i]);
    else files.push(args[i]);
  }
  if (!files.length) throw new Error('usage: npm run fhir:validate -- file.json [...] [--profile URL]');
  const validator = await startValidator({ log: (m) => process.stderr.write(`${m}\n`) });
  let errors = 0;
  try {
    for (const file of files) {
      const issues = await validator.validate(JSON.parse(fs.readFileSync(file, 'utf8')), profiles);
      const bad = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
      errors += bad.length;
      process.stdout.write(`${file}: ${bad.length} errors, ${issues.length - bad.length} warnings and notes\n`);
      for (const issue of issues) process.stdout.write(`  ${issue.severity.padEnd(11)} ${issue.location}: ${issue.message}\n`);
    }
  } finally {
    await validator.stop();
  }
  return errors ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  },
);
