package io.herald.transport.ws;

import io.herald.error.CloseCode;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers a frame larger than Tyrus' incoming buffer with close 1009 instead of Tyrus' 1011.
 *
 * <p>Tyrus (Payara, GlassFish) reads a frame's announced length ({@code ProtocolHandler.unframe},
 * state 1) but never compares it with anything: it waits for the whole payload (state 3), appending
 * reads to one buffer ({@code TyrusWebSocketEngine.TyrusReadHandler.handle}, {@code
 * Utils.appendBuffers}) until that would pass {@code
 * org.glassfish.tyrus.servlet.incoming-buffer-size}. Then {@code appendBuffers} throws {@code
 * IllegalArgumentException("Buffer overflow.")}; the read handler's catch logs it through {@code
 * TyrusEndpointWrapper.onError} (not the endpoint's {@code @OnError}) and closes with {@code 1011
 * "Buffer overflow."}: first the endpoint's {@code @OnClose}, then the close frame. So the frame
 * cannot be refused from its header, and the endpoint hears of it only in {@code @OnClose}, while
 * the socket is still open: this writes a 1009 close frame there, through the same raw write {@link
 * RawFrames} uses, ahead of Tyrus' own. The client takes the first close frame it reads (RFC 6455
 * §5.5.1). See docs/limits.md.
 *
 * <p>Stateless; {@link HeraldSocket#close} calls it on the container's thread.
 */
final class FrameOverflow {
  /** Tyrus' close reason for a frame past its incoming buffer. */
  static final String TYRUS_REASON = "Buffer overflow.";

  private static final Logger LOG = Logger.getLogger(FrameOverflow.class.getName());

  private FrameOverflow() {}

  /** Whether {@code reason} is Tyrus closing for a frame past its incoming buffer. */
  static boolean is(CloseReason reason) {
    return reason.getCloseCode().getCode() == CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode()
        && TYRUS_REASON.equals(reason.getReasonPhrase());
  }

  /**
   * Sends close 1009 with {@code reason} ahead of Tyrus' 1011 through {@code raw}, the connection's
   * raw writer taken when it opened ({@code Session.getAsyncRemote()} throws once Tyrus marked the
   * session closed, as it has by {@code @OnClose}).
   *
   * @param raw the connection's raw writer, or {@code null} (raw frames off, or an extension
   *     negotiated): then Tyrus' 1011 stands
   * @return whether it was written
   */
  static boolean answer(RawFrames.Sink raw, String reason) {
    if (raw == null) {
      return false;
    }
    try {
      raw.write(ByteBuffer.wrap(close(CloseCode.MESSAGE_TOO_BIG.code(), reason)));
      return true;
    } catch (Exception e) {
      LOG.log(Level.FINE, "close 1009 not written", e);
      return false;
    }
  }

  /** A server-to-client close frame (FIN, opcode 8, unmasked) with {@code code} and a reason. */
  static byte[] close(int code, String reason) {
    byte[] text = WsConnection.fit(reason).getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[4 + text.length];
    frame[0] = (byte) 0x88;
    frame[1] = (byte) (2 + text.length);
    frame[2] = (byte) (code >>> 8);
    frame[3] = (byte) code;
    System.arraycopy(text, 0, frame, 4, text.length);
    return frame;
  }
}
