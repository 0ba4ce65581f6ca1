'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');

/** Hex digest of a file. */
function fileDigest(file, algorithm = 'sha256') {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash(algorithm);
    fs.createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

module.exports = { fileDigest };
