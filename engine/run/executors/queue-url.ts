/** The address of a run queue: a Redis URL, `redis://[user:password@]HOST:PORT[/DB]`. */
import { invalidValue } from '../../errors.js';

/** Where a queue's Redis server is, as connection options for ioredis and BullMQ. */
export interface QueueAddress {
  /** The URL as given, without its password (for messages). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
}

const EXPECTED = 'a Redis URL redis://HOST:PORT or redis://HOST:PORT/DB';

/** Parses `text` as a queue address; `where` names it in the error (e.g. "option --queue"). */
export function parseQueueUrl(text: string, where: string): QueueAddress {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalidValue(where, EXPECTED, text);
  }
  const port = url.port === '' ? 6379 : Number(url.port);
  const path = url.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (url.protocol !== 'redis:' || url.hostname === '' || !Number.isInteger(db) || db < 0)
    throw invalidValue(where, EXPECTED, text);
  const shown = new URL(url.href);
  shown.password = '';
  return {
    url: shown.href.replace(/\/$/, ''),
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    db,
    ...(url.username !== '' ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password !== '' ? { password: decodeURIComponent(url.password) } : {}),
  };
}

/**
 * The worker slots a queue run is planned for, their number being unknown to the submitter: a
 * run is split into about four jobs per slot, so that a slow or lost worker delays it little.
 */
export const DEFAULT_QUEUE_SLOTS = 8;

/**
 * How long a job's lock lasts without renewal (ms): a worker that dies is noticed after about
 * this long and its job runs again elsewhere (BullMQ's default).
 */
export const DEFAULT_LOCK_DURATION_MS = 30_000;
