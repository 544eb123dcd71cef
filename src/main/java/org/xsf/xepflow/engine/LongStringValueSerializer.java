package org.xsf.xepflow.engine;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.impl.variable.serializer.PrimitiveValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Stores String variables longer than the engine's 4000-character text column (a XEP document
 * pasted into a Tasklist form, for example) in the byte array table instead. They stay String
 * variables for forms, REST and Cockpit.
 */
public class LongStringValueSerializer extends PrimitiveValueSerializer<StringValue> {
  static final String NAME = "xepflow-long-string";
  private static final int TEXT_COLUMN_LIMIT = 4000;

  public LongStringValueSerializer() {
    super(ValueType.STRING);
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  protected boolean canWriteValue(TypedValue value) {
    return value.getValue() instanceof String text && text.length() > TEXT_COLUMN_LIMIT;
  }

  @Override
  public StringValue convertToTypedValue(UntypedValueImpl untypedValue) {
    return Variables.stringValue((String) untypedValue.getValue(), untypedValue.isTransient());
  }

  @Override
  public void writeValue(StringValue value, ValueFields fields) {
    fields.setByteArrayValue(value.getValue().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public StringValue readValue(ValueFields fields, boolean asTransientValue) {
    byte[] bytes = fields.getByteArrayValue();
    return Variables.stringValue(bytes == null ? null : new String(bytes, StandardCharsets.UTF_8),
        asTransientValue);
  }
}
