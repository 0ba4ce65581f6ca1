'use strict';
// Where a pinned jar of the validator lives in the repository and in the cache.
const path = require('node:path');
const { REPOSITORY } = require('../kafka/maven');

/** The repository URL of a jar, with its classifier when it has one (xmlresolver's `data`). */
function jarUrl({ group, artifact, version, classifier }) {
  const name = `${artifact}-${version}${classifier ? `-${classifier}` : ''}.jar`;
  return `${REPOSITORY}/${group.replace(/\./g, '/')}/${artifact}/${version}/${name}`;
}

/** The cached file of a jar: the group is kept in the name, since two groups ship an `xmlresolver`. */
function jarFile(dir, { group, artifact, version, classifier }) {
  return path.join(dir, `${group}.${artifact}-${version}${classifier ? `-${classifier}` : ''}.jar`);
}

module.exports = { jarUrl, jarFile };
