/**
 * Incremental `text/event-stream` parser (the WHATWG algorithm): feed it text chunks, it calls
 * `onEvent({event, data, id})`, `onRetry(ms)` and `onComment(text)`.
 */
export class SseParser {
  constructor({ onEvent, onRetry = () => {}, onComment = () => {} }) {
    Object.assign(this, { onEvent, onRetry, onComment });
    this.buffer = '';
    this.reset();
  }

  reset() {
    this.event = '';
    this.data = [];
    this.id = undefined;
  }

  feed(chunk) {
    let text = this.buffer + chunk;
    if (this.skipLf && text[0] === '\n') text = text.slice(1);
    this.skipLf = false;
    let start = 0;
    for (;;) {
      const cr = text.indexOf('\r', start);
      const lf = text.indexOf('\n', start);
      if (cr < 0 && lf < 0) break;
      const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
      let next = end + 1;
      if (end === cr) {
        if (end === text.length - 1) this.skipLf = true; // its \n may open the next chunk
        else if (text[end + 1] === '\n') next++;
      }
      this.line(text.slice(start, end));
      start = next;
    }
    this.buffer = text.slice(start);
  }

  line(line) {
    if (line === '') {
      if (this.data.length > 0) {
        this.onEvent({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
      }
      this.reset();
      return;
    }
    if (line[0] === ':') {
      this.onComment(line.slice(1).trimStart());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value[0] === ' ') value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.onRetry(Number(value));
  }
}
