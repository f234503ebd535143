package dev.arrowtap.plan;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.util.NlsString;

/**
 * A table macro's parameter that receives its literal as written: a Java type makes Calcite hand
 * over 1.5 or 'x' unconverted, so the macro can reject them with its own message. {@link
 * #wholeNumber} and {@link #text} read such literals, the same way for every macro.
 */
public record LiteralParameter(int ordinal, String name, boolean optional)
    implements FunctionParameter {
  @Override
  public int getOrdinal() {
    return ordinal;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public RelDataType getType(RelDataTypeFactory typeFactory) {
    return typeFactory.createJavaType(Object.class);
  }

  @Override
  public boolean isOptional() {
    return optional;
  }

  /**
   * The whole number a literal holds: an integer type, or a decimal with no fraction within the
   * BIGINT range; empty for anything else, NULL included.
   */
  public static OptionalLong wholeNumber(Object literal) {
    if (literal instanceof Long
        || literal instanceof Integer
        || literal instanceof Short
        || literal instanceof Byte) {
      return OptionalLong.of(((Number) literal).longValue());
    }
    if (literal instanceof BigDecimal decimal) {
      try {
        return OptionalLong.of(decimal.longValueExact());
      } catch (ArithmeticException e) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  /** The text a character literal holds; empty for anything else, NULL included. */
  public static Optional<String> text(Object literal) {
    if (literal instanceof NlsString nls) {
      return Optional.of(nls.getValue());
    }
    if (literal instanceof String text) {
      return Optional.of(text);
    }
    return Optional.empty();
  }
}
