package org.xsf.xepflow.lifecycle;

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
}
