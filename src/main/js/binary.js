// Binary data (docs/protocol.md, "Binary data"): bytes travel as `{"$base64": "…"}` data in JSON,
// and on a `herald.v1` WebSocket as binary frames: a UTF-8 JSON header, a newline (byte 10), the
// bytes. The app sees bytes as a Uint8Array whichever way they came.

/** The one member of the envelope that declares data as bytes. */
const KEY = '$base64';

/** Byte 10, ending a binary frame's JSON header. */
const NEWLINE = 10;

/** Base64 text is built from chunks of this many bytes (String.fromCharCode takes them as arguments). */
const CHUNK = 0x8000;

/** `data` as a Uint8Array when it is bytes (a Uint8Array, another ArrayBuffer view, an ArrayBuffer), else null. */
export function toBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/** Whether `data` is a Blob (a File included), which is read into bytes before it is sent. */
export function isBlob(data) {
  return typeof Blob === 'function' && data instanceof Blob;
}

/** RFC 4648 standard base64 of `bytes`. */
export function toBase64(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += CHUNK) text += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(text);
}

/** The bytes of base64 `text`; throws on anything that is not base64. */
export function fromBase64(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Whether `data` is the envelope: an object whose only member is a string `$base64`. */
export function isEnvelope(data) {
  if (!data || typeof data !== 'object' || Array.isArray(data) || toBytes(data)) return false;
  const keys = Object.keys(data);
  return keys.length === 1 && keys[0] === KEY && typeof data[KEY] === 'string';
}

/** `data` as it goes in JSON: bytes become the envelope, anything else stays as it is. */
export function toWire(data) {
  const bytes = toBytes(data);
  return bytes ? { [KEY]: toBase64(bytes) } : data;
}

/**
 * `data` as the app gets it: with `decode` (the default), the envelope becomes a Uint8Array; without
 * it, bytes (from a binary frame) become the envelope, so the app sees one form either way. An
 * envelope that is not valid base64 is handed over as it is.
 */
export function fromWire(data, decode = true) {
  if (!decode) return toWire(data);
  if (!isEnvelope(data)) return data;
  try {
    return fromBase64(data[KEY]);
  } catch {
    return data;
  }
}

/** A binary frame: `header` as UTF-8 JSON, a newline, then `bytes`. */
export function encodeFrame(header, bytes) {
  const head = new TextEncoder().encode(JSON.stringify(header));
  const frame = new Uint8Array(head.length + 1 + bytes.length);
  frame.set(head);
  frame[head.length] = NEWLINE;
  frame.set(bytes, head.length + 1);
  return frame;
}

/**
 * Splits a binary frame (an ArrayBuffer or a view) into its JSON `header` and its `bytes`; null
 * when it has no newline or its header is not a JSON object. JSON text never holds a raw newline
 * byte inside a string, so the first one ends the header.
 */
export function decodeFrame(frame) {
  const all = toBytes(frame);
  if (!all) return null;
  const end = all.indexOf(NEWLINE);
  if (end < 0) return null;
  let header;
  try {
    header = JSON.parse(new TextDecoder().decode(all.subarray(0, end)));
  } catch {
    return null;
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) return null;
  return { header, bytes: all.slice(end + 1) };
}
