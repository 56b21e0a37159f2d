package io.herald.api;

import jakarta.json.bind.Jsonb;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * A {@link Jsonb} that maps objects to JSON text with a given function (the test classpath has no
 * JSON-B provider); only {@link #toJson(Object)} is supported. Thread-safe if the function is.
 */
final class FakeJsonb implements Jsonb {
  private final Function<Object, String> toJson;

  FakeJsonb(Function<Object, String> toJson) {
    this.toJson = toJson;
  }

  @Override
  public String toJson(Object object) {
    return toJson.apply(object);
  }

  @Override
  public <T> T fromJson(String str, Class<T> type) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> T fromJson(String str, Type runtimeType) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> T fromJson(Reader reader, Class<T> type) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> T fromJson(Reader reader, Type runtimeType) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> T fromJson(InputStream stream, Class<T> type) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> T fromJson(InputStream stream, Type runtimeType) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String toJson(Object object, Type runtimeType) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void toJson(Object object, Writer writer) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void toJson(Object object, Type runtimeType, Writer writer) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void toJson(Object object, OutputStream stream) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void toJson(Object object, Type runtimeType, OutputStream stream) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
