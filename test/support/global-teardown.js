'use strict';
const { scanTopics } = require('./patient-data-scan');
const testPatient = require('./test-patient.json');

// After every test file: no message on any topic may carry the test patient's name or
// phone (issue: "a test that reads every message on every topic produced during the suite").
module.exports = async function globalTeardown() {
  const stack = globalThis.__SAS_TEST_STACK__;
  try {
    if (stack) {
      const { topics, scanned, found } = await scanTopics(stack.kafkaBrokers.split(','), testPatient.needles);
      process.stdout.write(
        `patient data scan: ${scanned} messages on ${topics} topics read, ${found.length} containing patient data\n`,
      );
      if (found.length) throw new Error(`patient identifiers found on Kafka: ${JSON.stringify(found.slice(0, 10))}`);
    }
  } finally {
    await stack?.stop();
  }
};
