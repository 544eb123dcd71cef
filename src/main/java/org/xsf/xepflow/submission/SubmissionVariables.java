package org.xsf.xepflow.submission;

import org.camunda.bpm.engine.delegate.VariableScope;

/** The process variables of a ProtoXEP submission that the Java steps share. */
record SubmissionVariables(VariableScope scope) {

  String xml() {
    return (String) scope.getVariable("xml");
  }

  String author() {
    return (String) scope.getVariable("author");
  }

  Long protoXepId() {
    return (Long) scope.getVariable("protoXepId");
  }

  void protoXepId(Long id) {
    scope.setVariable("protoXepId", id);
  }

  String xepType() {
    return (String) scope.getVariable("xepType");
  }

  Integer xepNumber() {
    return (Integer) scope.getVariable("xepNumber");
  }

  void describe(String title, String abstractText) {
    scope.setVariable("title", title);
    scope.setVariable("abstractText", abstractText);
  }
}
