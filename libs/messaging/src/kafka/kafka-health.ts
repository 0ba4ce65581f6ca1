import { KafkaClient } from './kafka-client';

/** Resolves when a broker of the cluster answers a metadata request within `timeoutMs`. */
export async function pingKafka(kafka: KafkaClient, timeoutMs = 3000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Kafka did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const admin = await Promise.race([kafka.sharedAdmin(), timeout]);
    await Promise.race([admin.describeCluster(), timeout]);
  } catch (error) {
    // Drop the admin so the next ping reconnects from scratch.
    await kafka.close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
