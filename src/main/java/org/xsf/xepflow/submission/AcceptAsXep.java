package org.xsf.xepflow.submission;

import java.time.Instant;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.document.HeaderEdits;
import org.xsf.xepflow.identity.Actor;
import org.xsf.xepflow.registry.ProtoXep;
import org.xsf.xepflow.registry.ProtoXepRepository;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepNumbers;
import org.xsf.xepflow.registry.XepRepository;
import org.xsf.xepflow.registry.XepStatus;
import org.xsf.xepflow.registry.XepType;

/**
 * "Accept it as a XEP" (XEP-0001 section 5): the next free number, the type the Editor specified,
 * status Experimental, version 0.1 and the tracking record in the XEPs database.
 */
@Component("acceptAsXep")
public class AcceptAsXep implements JavaDelegate {
  private final ProtoXepRepository protoXeps;
  private final XepRepository xeps;
  private final XepNumbers numbers;

  public AcceptAsXep(ProtoXepRepository protoXeps, XepRepository xeps, XepNumbers numbers) {
    this.protoXeps = protoXeps;
    this.xeps = xeps;
    this.numbers = numbers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SubmissionVariables vars = new SubmissionVariables(execution);
    ProtoXep protoXep = protoXeps.findById(vars.protoXepId()).orElseThrow();
    XepType type = XepType.fromLabel(vars.xepType());
    if (type == null) {
      throw new IllegalStateException("The Editor must specify a XEP type, not '" + vars.xepType() + "'.");
    }
    int number = numbers.next();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    String reason = (String) execution.getVariable("acceptanceReason");
    String shortname = protoXep.getInboxName();
    String document = HeaderEdits.replaceElement(protoXep.getDocument(), "number", "%04d".formatted(number));
    document = HeaderEdits.replaceElement(document, "status", XepStatus.Experimental.name());
    document = HeaderEdits.replaceElement(document, "shortname", shortname);
    document = HeaderEdits.addRevision(document, "0.1", now.atOffset(ZoneOffset.UTC).toLocalDate().toString(), reason);

    Xep xep = new Xep(number, shortname, protoXep.getTitle(), protoXep.getAbstractText(), type,
        (String) execution.getVariable("approvingBody"), protoXep.getSubmittedBy());
    xep.publish("0.1", HeaderEdits.EDITOR_INITIALS, reason, document, now);
    xep.changeStatus(XepStatus.Experimental, Actor.current(), now, reason, "0.1");
    xeps.save(xep);
    protoXep.accepted(number);

    execution.setVariable("xepNumber", number);
    execution.setVariable("xepLabel", xep.label());
  }
}
