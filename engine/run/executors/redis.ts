/** Redis connections of the queue executor and worker, failing fast with a clear message. */
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { queueFailure } from '../../errors.js';
import type { QueueAddress } from './queue-url.js';

/** Reconnection attempts after a lost connection before the run is failed, and their spacing. */
export const RECONNECT_ATTEMPTS = 10;
export const RECONNECT_DELAY_MS = 200;

/** Connection options for BullMQ's own clients (it requires `maxRetriesPerRequest: null`). */
export function bullConnection(address: QueueAddress): RedisOptions {
  return {
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.username !== undefined ? { username: address.username } : {}),
    ...(address.password !== undefined ? { password: address.password } : {}),
    maxRetriesPerRequest: null,
    // ioredis waits this long (default 2 s) for a closed socket before a process can exit.
    disconnectTimeout: 200,
    retryStrategy: (times: number) => (times > RECONNECT_ATTEMPTS ? null : RECONNECT_DELAY_MS),
  };
}

/**
 * Connects a watch client: rejects with exit 3 and the reason ("connect ECONNREFUSED …") when
 * Redis cannot be reached, and calls `onLost` if the connection is later lost for good (after
 * RECONNECT_ATTEMPTS tries).
 */
export async function connectWatch(
  address: QueueAddress,
  onLost: (why: string) => void,
): Promise<Redis> {
  let lastError = 'no answer';
  let ready = false;
  const client = new Redis({
    ...bullConnection(address),
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  client.on('error', (error: Error) => {
    lastError = error.message;
  });
  client.on('end', () => {
    if (ready) onLost(`lost the connection to Redis (${lastError})`);
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    if (lastError === 'no answer' && error instanceof Error) lastError = error.message;
    throw queueFailure(
      address.url,
      `cannot reach Redis (${lastError}); is redis-server running there?`,
    );
  }
  ready = true;
  return client;
}

/** Runs `close`, giving up after `ms` (a client cut off from Redis may never finish closing). */
export async function closeWithin(close: () => Promise<unknown>, ms = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    close().catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
  ]);
  clearTimeout(timer);
}
