// Writes libs/contracts/asyncapi.json from the catalogue (`npm run contracts:asyncapi`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApiDocument } from '../src/asyncapi';

const file = join(__dirname, '..', 'asyncapi.json');
writeFileSync(file, JSON.stringify(buildAsyncApiDocument(), null, 2) + '\n');
process.stdout.write(`wrote ${file}\n`);
