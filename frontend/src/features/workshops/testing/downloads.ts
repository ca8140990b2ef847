import { vi } from 'vitest';

import { ORIGIN } from '@/testing/render-app';

export interface SavedFile {
  name: string;
  blob: Blob | undefined;
}

/**
 * jsdom has no object URLs and cannot download: these stand in for the browser's and record what
 * was saved. Call in `beforeEach`; the returned function undoes it.
 */
export function captureDownloads(saved: SavedFile[]): () => void {
  const blobs = new Map<string, Blob>();
  saved.length = 0;
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => {
      const url = `blob:${ORIGIN}/${String(blobs.size + 1)}`;
      blobs.set(url, blob);
      return url;
    },
    revokeObjectURL: (url: string) => blobs.delete(url),
  });
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.href) });
  });
  return () => {
    click.mockRestore();
    Reflect.deleteProperty(URL, 'createObjectURL');
    Reflect.deleteProperty(URL, 'revokeObjectURL');
  };
}

export const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//DLA//workshops//EN\r\nEND:VCALENDAR\r\n';

export function ics(): Response {
  return new Response(ICS, { status: 200, headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
}
