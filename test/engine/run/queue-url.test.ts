import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/errors.js';
import { parseQueueUrl } from '../../../engine/run/executors/queue-url.js';

describe('parseQueueUrl', () => {
  it('reads host, port and database, defaulting to port 6379 and database 0', () => {
    expect(parseQueueUrl('redis://10.0.0.5:6380/2', 'q')).toEqual({
      url: 'redis://10.0.0.5:6380/2',
      host: '10.0.0.5',
      port: 6380,
      db: 2,
    });
    expect(parseQueueUrl(' redis://queue.local ', 'q')).toMatchObject({
      host: 'queue.local',
      port: 6379,
      db: 0,
    });
  });

  it('keeps the password out of the URL it shows', () => {
    const address = parseQueueUrl('redis://wcc:s%40cret@127.0.0.1:6379', 'q');
    expect(address).toMatchObject({ username: 'wcc', password: 's@cret' });
    expect(address.url).toBe('redis://wcc@127.0.0.1:6379');
  });

  it.each(['http://127.0.0.1:6379', '127.0.0.1:6379', 'redis://127.0.0.1:6379/x', 'redis://'])(
    'rejects %s naming the option, what was expected and what was found',
    (text) => {
      expect(() => parseQueueUrl(text, 'option --queue')).toThrow(InputError);
      expect(() => parseQueueUrl(text, 'option --queue')).toThrow(
        `option --queue: expected a Redis URL redis://HOST:PORT or redis://HOST:PORT/DB, found ${JSON.stringify(text)}`,
      );
    },
  );
});
