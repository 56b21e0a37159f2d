/** An error from Herald or the server: `code` is the problem's code (e.g. `bad-topic`, `forbidden`). */
export class HeraldError extends Error {
  constructor(code, message, status) {
    super(message || code);
    this.name = 'HeraldError';
    this.code = code;
    if (status !== undefined) this.status = status;
  }
}
