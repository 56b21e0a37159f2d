package io.herald.limits;

import io.herald.error.CloseCode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protective limits and the counters that enforce them, from {@link LimitSettings} ({@code
 * herald.limits.*}; defaults and error codes in {@code docs/limits.md}). Every check refuses only
 * the offending client, with a {@link LimitExceededException}.
 *
 * <p>Thread-safe; application-scoped. Called by the transports on their request and I/O threads.
 */
@ApplicationScoped
public class Limits {
  /** Most client addresses whose HTTP publish rate is tracked before the table is reset. */
  private static final int MAX_TRACKED_ADDRESSES = 10_000;

  @Inject LimitSettings settings;

  private int maxMessageBytes;
  private int maxTopics;
  private int maxPerAddress;
  private double publishRate;
  private double publishBurst;
  private double httpPublishRate;
  private int retryAfter;
  private int pageMaxMessages;
  private int pageMaxBytes;
  private double subscribeRate;
  private double subscribeBurst;

  private AddressCounter perAddress;
  private Capacity streams;
  private Capacity polls;
  private final ConcurrentHashMap<String, TokenBucket> httpPublishers = new ConcurrentHashMap<>();

  @PostConstruct
  void init() {
    maxMessageBytes = settings.maxMessageBytes();
    maxTopics = settings.maxTopicsPerConnection();
    maxPerAddress = settings.maxConnectionsPerAddress();
    publishRate = settings.publishRate();
    publishBurst = settings.publishBurst();
    httpPublishRate = settings.httpPublishRate();
    retryAfter = settings.retryAfterSeconds();
    pageMaxMessages = settings.historyPageMaxMessages();
    pageMaxBytes = settings.historyPageMaxBytes();
    subscribeRate = settings.subscribeRate();
    subscribeBurst = settings.subscribeBurst();
    perAddress = new AddressCounter(maxPerAddress);
    streams = new Capacity(settings.maxStreams());
    polls = new Capacity(settings.maxParkedPolls());
  }

  /** Largest client message (WebSocket frame or HTTP body) accepted, in UTF-8 bytes. */
  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  /** Refuses text longer than {@link #maxMessageBytes()} in UTF-8. */
  public void checkSize(CharSequence text) {
    if (text.length() > maxMessageBytes || utf8Length(text) > maxMessageBytes) {
      throw tooLarge();
    }
  }

  /** Refuses a body whose declared or counted size is past {@link #maxMessageBytes()}. */
  public void checkSize(long bytes) {
    if (bytes > maxMessageBytes) {
      throw tooLarge();
    }
  }

  /** Refuses a connection that would hold more than the topic limit. */
  public void checkTopics(int count) {
    if (count > maxTopics) {
      throw new LimitExceededException(
          "too-many-topics",
          400,
          0,
          null,
          "a connection may subscribe to at most " + maxTopics + " topics");
    }
  }

  /** Largest {@code limit} a history answer (poll, history request or frame) may ask for. */
  public int historyPageMaxMessages() {
    return pageMaxMessages;
  }

  /** About most bytes of message JSON in one history answer. */
  public int historyPageMaxBytes() {
    return pageMaxBytes;
  }

  /** Admits a WebSocket or SSE stream from {@code address}; the permit must be closed on end. */
  public Permit admitStream(String address) {
    return admit(address, streams, "open streams");
  }

  /** Admits a parked long poll from {@code address}; the permit must be closed when answered. */
  public Permit admitPoll(String address) {
    return admit(address, polls, "waiting long polls");
  }

  /** A fresh publish-rate bucket for one WebSocket connection. */
  public TokenBucket publishBucket() {
    return new TokenBucket(publishRate, publishBurst, System::nanoTime);
  }

  /** Refuses a WebSocket publish past the connection's rate. */
  public void checkRate(TokenBucket bucket, int messages) {
    if (!bucket.tryTake(messages)) {
      throw rateLimited(publishRate, publishBurst);
    }
  }

  /** A fresh subscribe/unsubscribe-rate bucket for one WebSocket connection. */
  public TokenBucket subscribeBucket() {
    return new TokenBucket(subscribeRate, subscribeBurst, System::nanoTime);
  }

  /**
   * A fresh bucket of refusals one WebSocket connection is allowed past its subscribe rate before
   * it is closed: twice the burst, refilled at the rate.
   */
  public TokenBucket subscribeRefusalBucket() {
    return new TokenBucket(subscribeRate, 2 * subscribeBurst, System::nanoTime);
  }

  /**
   * Refuses a WebSocket {@code subscribe} or {@code unsubscribe} frame past the connection's rate
   * (each may queue a replay, so a flood of them is refused before the hub does any work): an
   * {@code error} frame, or a close ({@link CloseCode#TRY_AGAIN_LATER}) once the client has also
   * used up its {@code refusals} (it sends more than twice the rate), since answering each refused
   * frame of a flood costs as much as the frames.
   */
  public void checkSubscribeRate(TokenBucket bucket, TokenBucket refusals) {
    if (bucket.tryTake(1)) {
      return;
    }
    String limit =
        "at most "
            + subscribeRate
            + " subscribes and unsubscribes per second (burst "
            + subscribeBurst
            + ")";
    if (!refusals.tryTake(1)) {
      throw new LimitExceededException(
          "rate-limited", 429, 1, CloseCode.TRY_AGAIN_LATER, "rate-limited: " + limit);
    }
    throw new LimitExceededException("rate-limited", 429, 1, null, limit);
  }

  /**
   * Refuses an HTTP publish request past the request rate of its client address ({@code
   * herald.limits.http-publish-rate}, burst twice that; {@code 0} turns it off for trusted back
   * ends). On by default: anonymous publishers to public topics could otherwise fill history at
   * network speed (issue 15).
   */
  public void checkHttpRate(String address) {
    if (httpPublishRate <= 0) {
      return;
    }
    if (httpPublishers.size() > MAX_TRACKED_ADDRESSES) {
      // Forgetting everyone at once only ever lets more through, briefly; memory stays bounded.
      httpPublishers.clear();
    }
    TokenBucket bucket =
        httpPublishers.computeIfAbsent(
            address, a -> new TokenBucket(httpPublishRate, 2 * httpPublishRate, System::nanoTime));
    if (!bucket.tryTake(1)) {
      throw rateLimited(httpPublishRate, 2 * httpPublishRate);
    }
  }

  /** Open WebSocket and SSE streams now. */
  public int openStreams() {
    return streams.used();
  }

  /** Parked long polls now. */
  public int parkedPolls() {
    return polls.used();
  }

  /** Connections open from one address now. */
  public int connections(String address) {
    return perAddress.count(address);
  }

  private Permit admit(String address, Capacity capacity, String what) {
    String key = address == null ? "unknown" : address;
    if (!perAddress.tryAcquire(key)) {
      throw new LimitExceededException(
          "too-many-connections",
          429,
          retryAfter,
          CloseCode.TOO_MANY_CONNECTIONS,
          "at most " + maxPerAddress + " connections per client address");
    }
    if (!capacity.tryAcquire()) {
      perAddress.release(key);
      throw new LimitExceededException(
          "overloaded",
          503,
          retryAfter,
          CloseCode.TRY_AGAIN_LATER,
          "the server holds its maximum of " + capacity.max() + " " + what + "; retry later");
    }
    return new Permit(
        () -> {
          capacity.release();
          perAddress.release(key);
        });
  }

  private LimitExceededException tooLarge() {
    return new LimitExceededException(
        "too-large",
        413,
        0,
        CloseCode.MESSAGE_TOO_BIG,
        "a message may be at most " + maxMessageBytes + " bytes");
  }

  private static LimitExceededException rateLimited(double rate, double burst) {
    return new LimitExceededException(
        "rate-limited",
        429,
        1,
        null,
        "at most " + rate + " publishes per second (burst " + burst + ")");
  }

  /** UTF-8 length of {@code s} without encoding it. */
  static long utf8Length(CharSequence s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
