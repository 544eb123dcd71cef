package org.xsf.xepflow.submission;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.publication.SiteWriter;
import org.xsf.xepflow.registry.ProtoXep;
import org.xsf.xepflow.registry.ProtoXepRepository;

/** "Publish it to the inbox": the ProtoXEP as the Editor approved its format, at extensions/inbox/. */
@Component("publishToInbox")
public class PublishToInbox implements JavaDelegate {
  private final ProtoXepRepository protoXeps;
  private final SiteWriter site;

  public PublishToInbox(ProtoXepRepository protoXeps, SiteWriter site) {
    this.protoXeps = protoXeps;
    this.site = site;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ProtoXep protoXep = protoXeps.findById(new SubmissionVariables(execution).protoXepId()).orElseThrow();
    String url = site.publishToInbox(protoXep.getInboxName(), protoXep.getDocument());
    protoXep.setState(ProtoXep.State.PUBLISHED_IN_INBOX);
    execution.setVariable("inboxUrl", url);
  }
}
