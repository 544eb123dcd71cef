package org.xsf.xepflow.submission;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.document.CheckedDocument;
import org.xsf.xepflow.document.DocumentRejectedException;
import org.xsf.xepflow.document.FindingsText;
import org.xsf.xepflow.document.XepDocumentChecker;
import org.xsf.xepflow.document.XepHeader;
import org.xsf.xepflow.registry.ProtoXep;
import org.xsf.xepflow.registry.ProtoXepRepository;
import org.xsf.xepflow.registry.XepType;

/**
 * "Check the XEP format": the automatic part of the Editor's format check. A document that is not a
 * XEP at all (or hostile) fails the step, so nothing is stored; a XEP with format problems goes on
 * to the Editor with its findings.
 */
@Component("checkProtoXepFormat")
public class CheckProtoXepFormat implements JavaDelegate {
  private final XepDocumentChecker checker;
  private final ProtoXepRepository protoXeps;
  private final InboxNames inboxNames;

  public CheckProtoXepFormat(XepDocumentChecker checker, ProtoXepRepository protoXeps,
      InboxNames inboxNames) {
    this.checker = checker;
    this.protoXeps = protoXeps;
    this.inboxNames = inboxNames;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SubmissionVariables vars = new SubmissionVariables(execution);
    String xml = vars.xml();
    if (xml == null || xml.isBlank()) {
      throw new DocumentRejectedException("No XEP document was submitted.");
    }
    if (vars.author() == null) {
      throw new IllegalStateException("A ProtoXEP can only be submitted by a signed-in author.");
    }
    CheckedDocument checked = checker.check(xml.getBytes(StandardCharsets.UTF_8));
    XepHeader header = checked.header();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    ProtoXep protoXep = vars.protoXepId() == null
        ? new ProtoXep(inboxNames.forNew(header.shortname(), header.title()), vars.author(), now)
        : protoXeps.findById(vars.protoXepId()).orElseThrow();
    String approver = header.approver() == null || header.approver().isBlank() ? "Council"
        : header.approver().trim();
    protoXep.revise(header.title(), header.abstractText(), header.type(), approver, xml, now);
    protoXeps.save(protoXep);

    vars.protoXepId(protoXep.getId());
    vars.describe(header.title(), header.abstractText());
    execution.setVariable("inboxName", protoXep.getInboxName());
    // the Editor's form offers the types by their labels: "standards track" is one of them too
    XepType type = XepType.fromLabel(header.type());
    execution.setVariable("xepType", type == null ? header.type() : type.label());
    execution.setVariable("approver", approver);
    execution.setVariable("findingsCount", checked.findings().size());
    execution.setVariable("findings", FindingsText.of(checked));
  }
}
