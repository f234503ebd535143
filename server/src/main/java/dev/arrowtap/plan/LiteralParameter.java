package dev.arrowtap.plan;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;

/**
 * A table macro's parameter that receives its literal as written: a Java type makes Calcite hand
 * over 1.5 or 'x' unconverted, so the macro can reject them with its own message.
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
}
