'use strict';
// Downloads from a Maven repository (Maven Central by default) with Node built-ins.
const fs = require('node:fs');
const https = require('node:https');
const http = require('node:http');
const { URL } = require('node:url');

const REPOSITORY = (process.env.MAVEN_REPOSITORY || 'https://repo1.maven.org/maven2').replace(/\/$/, '');

/** The repository URL of an artifact's file (`ext` is `jar`, `jar.sha1`, `pom`…). */
function artifactUrl({ group, artifact, version }, ext = 'jar') {
  return `${REPOSITORY}/${group.replace(/\./g, '/')}/${artifact}/${version}/${artifact}-${version}.${ext}`;
}

/** GETs a URL into a file, following redirects. */
function download(url, file, redirects = 5) {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const request = client.get(url, { timeout: 60000 }, (res) => {
      if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location && redirects > 0) {
        res.resume();
        return resolve(download(new URL(res.headers.location, url).toString(), file, redirects - 1));
      }
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`GET ${url}: HTTP ${res.statusCode}`));
      }
      const out = fs.createWriteStream(file);
      res.pipe(out);
      out.on('finish', () => out.close(() => resolve()));
      out.on('error', reject);
      res.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url}: timed out`)));
    request.on('error', reject);
  });
}

/** GETs a small text resource. */
async function fetchText(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return res.text();
}

module.exports = { artifactUrl, download, fetchText, REPOSITORY };
