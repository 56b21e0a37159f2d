import { PollTransport } from './poll.js';

/** Short poll at /api/messages: one request every `pollInterval`, answered at once. */
export class ShortPollTransport extends PollTransport {
  constructor(ctx, sink) {
    super(ctx, sink, false);
  }
}
