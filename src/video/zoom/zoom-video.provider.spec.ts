import { generatePasscode, monthWindows, zoomTime } from './zoom-video.provider';
import { isAllowedRecordingUrl } from './zoom-recording.downloader';

describe('zoom helpers', () => {
  it('cuts a date range into windows of at most one month, without gaps or overlaps', () => {
    expect(
      monthWindows(new Date('2026-01-15T10:00:00Z'), new Date('2026-03-20T08:00:00Z')),
    ).toEqual([
      { from: '2026-01-15', to: '2026-02-14' },
      { from: '2026-02-15', to: '2026-03-14' },
      { from: '2026-03-15', to: '2026-03-20' },
    ]);
    expect(monthWindows(new Date('2026-05-01'), new Date('2026-05-01'))).toEqual([
      { from: '2026-05-01', to: '2026-05-01' },
    ]);
  });

  it('formats UTC start times the way Zoom expects and makes 10-character passcodes', () => {
    expect(zoomTime(new Date('2026-12-01T09:30:00.123Z'))).toBe('2026-12-01T09:30:00Z');
    expect(generatePasscode()).toMatch(/^[A-Za-z0-9]{10}$/);
  });

  it('downloads recordings only from the configured API host or Zoom https domains', () => {
    const api = new URL('http://127.0.0.1:9911/v2');
    const allowed = (url: string) => isAllowedRecordingUrl(new URL(url), api);
    expect(allowed('http://127.0.0.1:9911/rec/download/x')).toBe(true);
    expect(allowed('https://zoom.us/rec/download/x')).toBe(true);
    expect(allowed('https://us06web.zoom.us/rec/download/x')).toBe(true);
    expect(allowed('http://zoom.us/rec/download/x')).toBe(false);
    expect(allowed('https://zoom.us.evil.example/x')).toBe(false);
    expect(allowed('https://evilzoom.us/x')).toBe(false);
    expect(allowed('http://127.0.0.1:9912/x')).toBe(false);
    expect(allowed('http://169.254.169.254/latest/meta-data')).toBe(false);
    expect(allowed('https://user:pw@zoom.us/x')).toBe(false);
  });
});
