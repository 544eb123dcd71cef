package org.xsf.xepflow.submission;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.registry.ProtoXep;
import org.xsf.xepflow.registry.ProtoXepRepository;

/** "Record the withdrawal": the author took the proposal back; the record stays. */
@Component("withdrawProtoXep")
public class WithdrawProtoXep implements JavaDelegate {
  private final ProtoXepRepository protoXeps;

  public WithdrawProtoXep(ProtoXepRepository protoXeps) {
    this.protoXeps = protoXeps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    protoXeps.findById(new SubmissionVariables(execution).protoXepId()).orElseThrow()
        .setState(ProtoXep.State.WITHDRAWN);
  }
}
