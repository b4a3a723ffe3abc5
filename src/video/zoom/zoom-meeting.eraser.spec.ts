import { ConfigService } from '@nestjs/config';
import { zoomErasureQueueOptions, zoomPathId } from './zoom-meeting.eraser';

describe('zoom erasure helpers', () => {
  it('double-encodes a meeting UUID that starts with a slash or holds two, and only then', () => {
    expect(zoomPathId('85746065432')).toBe('85746065432');
    expect(zoomPathId('4444AAAiAAAAAiAiAiiAii==')).toBe('4444AAAiAAAAAiAiAiiAii%3D%3D');
    expect(zoomPathId('/ajXp112QmuoKj4854875==')).toBe('%252FajXp112QmuoKj4854875%253D%253D');
    expect(zoomPathId('ajXp1//2Qmuo==')).toBe('ajXp1%252F%252F2Qmuo%253D%253D');
    expect(zoomPathId('ajXp1/2Qmuo==')).toBe('ajXp1%2F2Qmuo%3D%3D');
  });

  it('retries with back-off from ZOOM_ERASURE_RETRY_DELAY_SECONDS and refuses a bad value', () => {
    const config = (value?: string) =>
      new ConfigService(value === undefined ? {} : { ZOOM_ERASURE_RETRY_DELAY_SECONDS: value });
    expect(zoomErasureQueueOptions(config())).toMatchObject({
      retryLimit: 10,
      retryDelay: 30,
      retryBackoff: true,
      retryDelayMax: 3600,
    });
    expect(zoomErasureQueueOptions(config('1')).retryDelay).toBe(1);
    expect(() => zoomErasureQueueOptions(config('0'))).toThrow(/ZOOM_ERASURE_RETRY_DELAY/);
    expect(() => zoomErasureQueueOptions(config('fast'))).toThrow(/1 to 3600/);
  });
});
