'use strict';
// `npm start -- --hub`: a local Qpid broker with the test hub, whose LRMs acknowledge every
// message, for the SAMUs of Île-de-France; returns the settings that turn the link on.
const path = require('node:path');
const { startQpid } = require('./broker');
const { HubSanteDouble } = require('./hub-double');

const CLIENT_ID = 'fr.health.test.ptfsas';
const TERRITORIES = ['75', '77', '78', '91', '92', '93', '94', '95'];

async function startLocalHub({ dataDir, port, log }) {
  const broker = await startQpid({ dataDir: path.join(dataDir, 'qpid'), port, log });
  const samus = Object.fromEntries(TERRITORIES.map((t) => [t, `fr.health.samu0${t}`]));
  const hub = new HubSanteDouble({ url: broker.url, ptf: CLIENT_ID, samus: Object.values(samus) });
  await hub.start({ autoAck: true });
  return {
    url: broker.url,
    env: {
      HUB_SANTE_URL: broker.url,
      HUB_SANTE_CLIENT_ID: CLIENT_ID,
      HUB_SANTE_SAMU: Object.entries(samus)
        .map(([t, samu]) => `${t}=${samu}`)
        .join(','),
    },
    async stop() {
      await hub.stop();
      await broker.stop();
    },
  };
}

module.exports = { startLocalHub };
