package io.herald.hub;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies a {@link History} bean offered as a store that {@code herald.store} can choose by name
 * (e.g. {@code @Store("redis")}). Unlike {@code @Named}, it keeps the bean from being the default
 * History, so it is used only when configured.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Store {
  /** The name {@code herald.store} selects it by. */
  String value();

  /** For selecting a store by name at run time. Immutable. */
  final class Literal extends AnnotationLiteral<Store> implements Store {
    private final String value;

    public Literal(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }
}
