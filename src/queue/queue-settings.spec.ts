import { DEFAULT_QUEUE_OPTIONS, HEARTBEAT_SECONDS, queueSettingsToUpdate } from './queue-settings';

describe('queue settings', () => {
  const current = {
    retryLimit: 5,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 600,
    expireInSeconds: 600,
    retentionSeconds: 1_209_600,
    deleteAfterSeconds: 604_800,
    heartbeatSeconds: HEARTBEAT_SECONDS,
    notify: true,
  };

  it('gives every queue a heartbeat shorter than its expiry', () => {
    expect(DEFAULT_QUEUE_OPTIONS.heartbeatSeconds).toBe(HEARTBEAT_SECONDS);
    expect(HEARTBEAT_SECONDS).toBeGreaterThanOrEqual(10);
    expect(HEARTBEAT_SECONDS).toBeLessThan(DEFAULT_QUEUE_OPTIONS.expireInSeconds!);
  });

  it('changes nothing on a queue that already matches', () => {
    expect(queueSettingsToUpdate({ ...DEFAULT_QUEUE_OPTIONS, notify: true }, current)).toBeNull();
  });

  it('adds the heartbeat to a queue created before it existed, and only what differs', () => {
    expect(
      queueSettingsToUpdate(
        { ...DEFAULT_QUEUE_OPTIONS, notify: true, expireInSeconds: 120, policy: 'exclusive' },
        { ...current, heartbeatSeconds: null },
      ),
    ).toEqual({ heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 120 });
  });
});
