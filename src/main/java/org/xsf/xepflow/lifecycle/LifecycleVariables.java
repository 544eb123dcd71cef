package org.xsf.xepflow.lifecycle;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The process variables of a XEP's lifecycle that the Java steps share. */
record LifecycleVariables(VariableScope scope) {

  int xepNumber() {
    return (Integer) scope.getVariable("xepNumber");
  }

  String string(String name) {
    return (String) scope.getVariable(name);
  }

  boolean flag(String name) {
    return Boolean.TRUE.equals(scope.getVariable(name));
  }

  /**
   * Sets a variable only when its value changes: with full history each write is logged as a
   * change (three statements), and a status change rewrote the type and version it kept.
   */
  void update(String name, Object value) {
    if (!Objects.equals(scope.getVariable(name), value)) {
      scope.setVariable(name, value);
    }
  }
}
