import { PollTransport } from './poll.js';

/** Long poll at /api/poll: the server holds each request until messages arrive or it times out. */
export class LongPollTransport extends PollTransport {
  constructor(ctx, sink) {
    super(ctx, sink, true);
  }
}
