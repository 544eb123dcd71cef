package org.xsf.xepflow.engine;

import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;

/**
 * History level "full", except the form-field log. Submitting a form logs every field as raw text
 * in a 4000-character column, which a pasted XEP overflows; the same values are recorded anyway as
 * variable updates, which store long text safely (see {@link LongStringValueSerializer}).
 */
public class FullHistoryWithoutFormFields implements HistoryLevel {
  public static final String NAME = "full-without-form-fields";

  @Override
  public int getId() {
    // Above "full" (3): checks of the form "at least full" still hold.
    return 4;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    return eventType != HistoryEventTypes.FORM_PROPERTY_UPDATE
        && HistoryLevel.HISTORY_LEVEL_FULL.isHistoryEventProduced(eventType, entity);
  }
}
