'use strict';
// Reads every message of every topic on a broker and reports those that contain any of
// the given strings (in key, value or headers). Used after the whole test suite to prove
// that the test patient's name and phone never reached Kafka.
const { Kafka, logLevel } = require('kafkajs');
const { randomUUID } = require('node:crypto');

async function scanTopics(brokers, needles, { timeoutMs = 60000 } = {}) {
  const kafka = new Kafka({ clientId: 'patient-data-scan', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__'));
  const remaining = new Map();
  for (const topic of topics) {
    for (const { partition, high, low } of await offsetsOf(admin, topic)) {
      if (Number(high) > Number(low)) remaining.set(`${topic}:${partition}`, Number(high));
    }
  }
  await admin.disconnect();
  const found = [];
  let scanned = 0;
  if (remaining.size === 0) return { topics: topics.length, scanned, found };

  const consumer = kafka.consumer({ groupId: `patient-data-scan-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({
    topics: [...new Set([...remaining.keys()].map((k) => k.slice(0, k.lastIndexOf(':'))))],
    fromBeginning: true,
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`scan incomplete after ${timeoutMs} ms: ${remaining.size} partitions unread`)),
      timeoutMs,
    );
    consumer
      .run({
        eachMessage: async ({ topic, partition, message }) => {
          scanned++;
          const text = [message.key, message.value, ...Object.values(message.headers ?? {})]
            .filter(Boolean)
            .map(String)
            .join('\n');
          for (const needle of needles)
            if (text.includes(needle)) found.push({ topic, partition, offset: message.offset, needle });
          const key = `${topic}:${partition}`;
          if (remaining.has(key) && Number(message.offset) + 1 >= remaining.get(key)) remaining.delete(key);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return { topics: topics.length, scanned, found };
}

// A topic created or deleted moments ago may not have a leader yet: retry a little.
async function offsetsOf(admin, topic) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if (error.type === 'UNKNOWN_TOPIC_OR_PARTITION') return [];
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

module.exports = { scanTopics };
