package org.xsf.xepflow.lifecycle;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepVersionRepository;

/**
 * The revision the Editor types for the vote (XEP-0001 section 7: "one specific revision") must be
 * the XEP's current version: the approving body votes on it, the vote and its announcements name it,
 * and an advancement publishes it as version 1.0 or 2.0. An older one would advance a text that is no
 * longer the XEP's; one still provisional in tmp/ has not been approved (it went Final as 2.0 without
 * its text), nor can a vote be proposed while a new version is under way. The diagram's {@code proposing} field says whether the Editor proposed one, when the
 * form offers more.
 */
@Component("checkProposedRevision")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class CheckProposedRevision implements TaskListener {
  private final XepVersionRepository versions;
  private Expression proposing;

  public CheckProposedRevision(XepVersionRepository versions) {
    this.versions = versions;
  }

  @Override
  public void notify(DelegateTask task) {
    if (proposing != null && !Boolean.TRUE.equals(proposing.getValue(task))) {
      return;
    }
    int number = new LifecycleVariables(task).xepNumber();
    Object version = task.getVariable("proposedVersion");
    List<String> official = versions.findByXepNumberOrderByPublishedAtAscIdAsc(number).stream()
        .filter(v -> !v.isProvisional()).map(XepVersionRepository.Number::getVersion).toList();
    String current = official.get(official.size() - 1);
    if (version == null || !official.contains(version.toString())) {
      throw new InvalidInputException("%s to put to the vote: its versions are %s.".formatted(version == null
          ? "Name the revision of " + Xep.label(number) : Xep.label(number) + " has no version " + version,
          String.join(", ", official)));
    }
    if (!current.equals(version)) {
      throw new InvalidInputException("Version %s is not the current version of %s: put %s to the vote, the XEP as it is published."
          .formatted(version, Xep.label(number), current));
    }
    // a vote on Final that passed would end a change still in review or in its own vote
    if (newVersionUnderWay(task, number)) {
      throw new InvalidInputException("A new version of %s is under review or vote: propose a revision once it is published or dropped."
          .formatted(Xep.label(number)));
    }
  }

  private static boolean newVersionUnderWay(DelegateTask task, int number) {
    RuntimeService runtime = task.getProcessEngineServices().getRuntimeService();
    // the Editor need not be allowed to read the author's process
    return Context.getCommandContext().runWithoutAuthorization(() -> runtime.createProcessInstanceQuery()
        .processDefinitionKey("new-version").processInstanceBusinessKey(String.valueOf(number)).count() > 0);
  }

  public void setProposing(Expression proposing) {
    this.proposing = proposing;
  }
}
