import type { IncomingMessage } from 'node:http';
import { DomainException } from '../../common/errors/domain.exception';

export function tooLarge(maxBytes: number): DomainException {
  // Connection: close, so a client still sending an oversized body is cut off after the answer
  // instead of having the server read (and discard) all of it.
  return new DomainException(
    413,
    'FILE_TOO_LARGE',
    `The upload is larger than the ${maxBytes} bytes this URL allows`,
    {},
    { Connection: 'close' },
  );
}

// Reads a request body with a byte counter: past `maxBytes` it stops collecting and fails with
// 413 while the body is still streaming. Listeners rather than `for await`, because leaving an
// async iterator early destroys the socket before the 413 can be sent.
export function readLimitedBody(stream: IncomingMessage, maxBytes: number): Promise<Buffer> {
  if (stream.readableEnded) {
    return Promise.resolve(Buffer.alloc(0));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) {
        return;
      }
      settled = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (error) {
        // Discard whatever is still arriving; the response closes the connection.
        stream.resume();
        reject(error);
      } else {
        resolve(Buffer.concat(chunks, total));
      }
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        settle(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => settle(null);
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(new Error('The upload was interrupted'));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}
