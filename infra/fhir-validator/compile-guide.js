#!/usr/bin/env node
'use strict';
// Regenerates the committed conformance resources (conformance/) and the guide's example
// instances (test/fhir/ans-sas-guide/examples/) from the guide's FSH with SUSHI:
//
//   npm run fhir:profiles
//
// SUSHI needs the R4 core package, which the package registry would serve but which is
// not reachable here: it is exported from HAPI's own jars into a private FHIR home under
// .cache/. The guide's dependency on hl7.fhir.fr.core is replaced by guide/*.fsh.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureValidatorJars } = require('./fetch');

const root = path.resolve(__dirname, '../..');
const GUIDE = path.join(root, 'test/fhir/ans-sas-guide');
const CONFORMANCE = path.join(__dirname, 'conformance');
const EXAMPLES = path.join(GUIDE, 'examples');
const CONFORMANCE_TYPES = ['StructureDefinition', 'ValueSet', 'CodeSystem'];

async function main() {
  const jars = await ensureValidatorJars({ log: (m) => process.stderr.write(`${m}\n`) });
  const home = path.join(root, '.cache', 'fhir-validator', 'fhir-home');
  const r4 = path.join(home, '.fhir', 'packages', 'hl7.fhir.r4.core#4.0.1');
  if (!fs.existsSync(path.join(r4, 'package', 'package.json'))) {
    execFileSync('java', ['-cp', `${jars}/*`, path.join(__dirname, 'Validator.java'), 'export-r4', r4], { stdio: 'inherit' });
  }
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-guide-'));
  try {
    fs.cpSync(path.join(GUIDE, 'input'), path.join(project, 'input'), { recursive: true });
    fs.cpSync(path.join(__dirname, 'guide'), path.join(project, 'input', 'fsh', '_by-hand'), {
      recursive: true,
      filter: (f) => !f.endsWith('.yaml'),
    });
    fs.copyFileSync(path.join(__dirname, 'guide', 'sushi-config.yaml'), path.join(project, 'sushi-config.yaml'));
    const sushi = path.join(root, 'node_modules', '.bin', 'sushi');
    // HOME points SUSHI's package cache (~/.fhir) at the exported R4 core.
    execFileSync(sushi, ['build', project], { stdio: 'inherit', env: { ...process.env, HOME: home } });
    const generated = path.join(project, 'fsh-generated', 'resources');
    for (const dir of [CONFORMANCE, EXAMPLES]) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
    }
    for (const file of fs.readdirSync(generated).sort()) {
      const type = file.split('-')[0];
      const target = CONFORMANCE_TYPES.includes(type) ? CONFORMANCE : EXAMPLES;
      const resource = JSON.parse(fs.readFileSync(path.join(generated, file), 'utf8'));
      fs.writeFileSync(path.join(target, file), `${JSON.stringify(resource, null, 2)}\n`);
    }
    process.stdout.write(
      `wrote ${fs.readdirSync(CONFORMANCE).length} conformance resources and ${fs.readdirSync(EXAMPLES).length} examples\n`,
    );
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
