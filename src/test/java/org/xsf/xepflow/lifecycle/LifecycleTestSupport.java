package org.xsf.xepflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.xsf.xepflow.deployment.ProcessResourcesDeployer;
import org.xsf.xepflow.registry.StatusChange;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;
import org.xsf.xepflow.registry.XepStatus;
import org.xsf.xepflow.support.ProcessTestSupport;

/** Takes XEPs through their lifecycle the way the people of XEP-0001 do it in Tasklist. */
public abstract class LifecycleTestSupport extends ProcessTestSupport {
  protected static final List<String> COUNCIL = List.of("council1", "council2", "council3", "council4", "council5");
  @Autowired
  protected FormService formService;
  @Autowired
  protected RepositoryService repositoryService;
  @Autowired
  protected RuntimeService runtimeService;
  @Autowired
  protected XepRepository xeps;

  /**
   * Does something while the latest xep-lifecycle is bpmn/xep-lifecycle.bpmn so edited, deployed from a
   * copy of bpmn/ in this folder as a changed bpmn/ is deployed; then deploys bpmn/'s as it is, as the latest.
   */
  protected void withLifecycleDiagramEdited(Path folder, UnaryOperator<String> edit, Runnable action) throws IOException {
    withDiagramEdited(folder, LifecycleStates.PROCESS, edit, action);
  }

  /**
   * Does something while the latest version of a process is its diagram in bpmn/ so edited (e.g. as an
   * earlier session deployed it, which running processes keep), deployed as {@link #withLifecycleDiagramEdited}.
   */
  protected void withDiagramEdited(Path folder, String process, UnaryOperator<String> edit, Runnable action)
      throws IOException {
    Path bpmn = Files.createDirectory(folder.resolve("bpmn"));
    try (DirectoryStream<Path> diagrams = Files.newDirectoryStream(Path.of("bpmn"))) {
      for (Path diagram : diagrams) {
        Files.copy(diagram, bpmn.resolve(diagram.getFileName()));
      }
    }
    Path diagram = bpmn.resolve(process + ".bpmn");
    String original = Files.readString(diagram);
    String edited = edit.apply(original);
    assertThat(edited).isNotEqualTo(original);
    Files.writeString(diagram, edited);
    int versionBefore = latestVersion(process);
    try {
      new ProcessResourcesDeployer(bpmn, Path.of("forms")).deploy(repositoryService);
      assertThat(latestVersion(process)).isEqualTo(versionBefore + 1);
      action.run();
    } finally {
      // bpmn/'s diagram again, unfiltered: the deployer's duplicate filter compares with the latest
      // deployment by its time, the engine clock's, which a test before may have left in the future
      try (InputStream unedited = Files.newInputStream(Path.of("bpmn", process + ".bpmn"))) {
        repositoryService.createDeployment().name(ProcessResourcesDeployer.DEPLOYMENT_NAME).source("xepflow")
            .addInputStream(process + ".bpmn", unedited).deploy();
      }
    }
    assertThat(latestVersion(process)).isEqualTo(versionBefore + 2);
  }

  private int latestVersion(String process) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(process)
        .latestVersion().singleResult().getVersion();
  }

  /** A ProtoXEP submitted, its format accepted and no Council member objecting: a new XEP. */
  protected ProcessInstance accept(String author, String fixture, String type) {
    ProcessInstance submission = protoXepFormatAccepted(author, fixture, type);
    runDueJobs(submission.getId());
    if ("Board".equals(runtimeService.getVariable(submission.getId(), "approvingBody"))) {
      complete("editor", submission.getId(), "Task_BoardConsultation", Map.of("boardDecision", "accept"));
    } else {
      COUNCIL.forEach(member -> complete(member, submission.getId(), "Task_ConsiderObjection", Map.of("objects", false)));
    }
    runDueJobs(submission.getId());
    int number = (Integer) processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(submission.getId()).variableName("xepNumber").singleResult().getValue();
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("xep-lifecycle")
        .processInstanceBusinessKey(String.valueOf(number)).singleResult();
  }

  protected int number(ProcessInstance lifecycle) {
    return Integer.parseInt(lifecycle.getBusinessKey());
  }

  protected Xep registryEntry(ProcessInstance lifecycle) {
    return transaction.execute(status -> {
      Xep xep = xeps.findById(number(lifecycle)).orElseThrow();
      xep.getVersions().size();
      xep.getStatusHistory().size();
      return xep;
    });
  }

  /** The registry and the process agree on the status: nothing changes a status but the engine. */
  protected void assertStatus(ProcessInstance lifecycle, XepStatus expected) {
    assertThat(registryEntry(lifecycle).getStatus()).isEqualTo(expected);
    if (runtimeService.createProcessInstanceQuery().processInstanceId(lifecycle.getId()).count() > 0) {
      assertThat(runtimeService.getVariable(lifecycle.getId(), "status")).isEqualTo(expected.name());
    }
  }

  protected List<XepStatus> statusHistory(ProcessInstance lifecycle) {
    return registryEntry(lifecycle).getStatusHistory().stream().map(StatusChange::getToStatus).toList();
  }

  /**
   * The steps the lifecycle took between announcing its last change of status and routing by the new
   * status: those of its own scope, which runs one step at a time, in the order they ran.
   */
  protected List<String> stepsAfterTheStatusChangeAnnounced(ProcessInstance lifecycle) {
    List<String> steps = processEngine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(lifecycle.getId()).orderPartiallyByOccurrence().asc().list().stream()
        .filter(step -> lifecycle.getId().equals(step.getParentActivityInstanceId()))
        .map(HistoricActivityInstance::getActivityId).toList();
    List<String> after = steps.subList(steps.lastIndexOf("Task_AnnounceStatusChange") + 1, steps.size());
    return after.subList(0, after.indexOf("Gateway_RouteByStatus"));
  }

  /** The XEP's current document with a new revision entry on top: what an author submits. */
  protected String nextVersion(ProcessInstance lifecycle, String version, String remark) {
    String current = registryEntry(lifecycle).currentVersion().getDocument();
    int at = current.indexOf("<revision>");
    String indent = current.substring(current.lastIndexOf('\n', at) + 1, at);
    return current.substring(0, at) + "<revision>\n" + indent + "  <version>" + version + "</version>\n"
        + indent + "  <date>2027-01-01</date>\n" + indent + "  <initials>aa</initials>\n"
        + indent + "  <remark><p>" + remark + "</p></remark>\n" + indent + "</revision>\n" + indent
        + current.substring(at);
  }

  /** The author submits a new version in Tasklist and the Editor publishes it. */
  protected void publishNewVersion(ProcessInstance lifecycle, String version) {
    submitAsAuthor(registryEntry(lifecycle).getAuthor(), lifecycle,
        Map.of("xml", nextVersion(lifecycle, version, "Changes " + version)));
    ProcessInstance newVersion = called(lifecycle, "new-version");
    complete("editor", newVersion.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish"));
    runDueJobs(newVersion.getId());
  }

  /**
   * An author submits Tasklist's start form "submit-new-version" for the XEP: a new version, or
   * with {@code authorAction} "retract" the retraction of an Experimental XEP.
   */
  protected ProcessInstance submitAsAuthor(String author, ProcessInstance lifecycle, Map<String, Object> form) {
    return startFormNaming(author, "submit-new-version", lifecycle, form);
  }

  /**
   * The Editor records a decision on the XEP with the start form of its process in Tasklist (e.g.
   * "council-decision-experimental"), naming the XEP.
   */
  protected ProcessInstance recordDecision(String process, ProcessInstance lifecycle, Map<String, Object> decision) {
    return startFormNaming("editor", process, lifecycle, decision);
  }

  /** A start form that names the XEP in its field "xep", as in Tasklist, with the other fields given. */
  private ProcessInstance startFormNaming(String user, String process, ProcessInstance lifecycle, Map<String, Object> fields) {
    Map<String, Object> form = new HashMap<>(fields);
    form.put("xep", Xep.label(number(lifecycle)));
    return startForm(user, process, form);
  }

  /** Runs the due jobs of the lifecycle and of every process it called (Last Call, votes ...). */
  protected void runAllDueJobs(ProcessInstance lifecycle) {
    for (int round = 0; round < 5; round++) {
      runDueJobsOfTree(lifecycle.getId());
    }
  }

  private void runDueJobsOfTree(String processInstanceId) {
    runDueJobs(processInstanceId);
    // ended ones too: a called process that has ended may have left announcements to send
    processEngine.getHistoryService().createHistoricProcessInstanceQuery().superProcessInstanceId(processInstanceId)
        .list().forEach(sub -> runDueJobsOfTree(sub.getId()));
  }

  /** The process a lifecycle called, e.g. its open "last-call" or "council-vote". */
  protected ProcessInstance called(ProcessInstance parent, String processKey) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(processKey)
        .superProcessInstanceId(parent.getId()).singleResult();
  }
  /** The Council agrees it is ready, the Last Call passes and every member votes +1. */
  protected void advanceByUnanimousVote(ProcessInstance lifecycle) {
    proposeForAdvancement(lifecycle, false);
    lastCallEndsWithProposal(lifecycle, "0.1");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1"));
    runAllDueJobs(lifecycle);
  }

  protected ProcessInstance acceptedDraft(ProcessInstance lifecycle) {
    advanceByUnanimousVote(lifecycle);
    assertStatus(lifecycle, XepStatus.Draft);
    return lifecycle;
  }

  protected ProcessInstance acceptedDraft(String fixture) {
    return acceptedDraft(accept("author1", fixture, "Standards Track"));
  }
  protected void proposeForAdvancement(ProcessInstance lifecycle, boolean interim) {
    recordDecision("council-decision-experimental", lifecycle, Map.of("councilDecision", "ready", "interim", interim));
    runAllDueJobs(lifecycle);
  }
  protected void lastCallEndsWithProposal(ProcessInstance lifecycle, String version) {
    ProcessInstance lastCall = called(lifecycle, "last-call");
    advanceClock(Duration.ofDays(14).plusMinutes(1));
    runAllDueJobs(lifecycle);
    complete("editor", lastCall.getId(), "Task_LastCallEnded", Map.of("lastCallDecision", "propose", "proposedVersion", version));
  }

  protected void castVotes(ProcessInstance parent, Map<String, String> ballots) {
    castVotes(parent.getId(), ballots);
  }

  /** Six months in Draft, the Editor issues the Call for Experience, and it ends: the Editor records what was presented. */
  protected ProcessInstance callForExperienceEnded(ProcessInstance lifecycle) {
    advanceClock(Duration.ofDays(190));
    runAllDueJobs(lifecycle);
    complete("editor", lifecycle.getId(), "Task_IssueCallForExperience", Map.of("callIssued", true));
    runAllDueJobs(lifecycle);
    ProcessInstance call = called(lifecycle, "call-for-experience");
    advanceClock(Duration.ofDays(15));
    runAllDueJobs(lifecycle);
    return call;
  }

  /** The Call for Experience ended with two implementations, one open source: the Editor proposes a revision for Final. */
  protected ProcessInstance twoImplementationsPresented(ProcessInstance lifecycle) {
    ProcessInstance call = callForExperienceEnded(lifecycle);
    recordImplementation(call, "Prosody", "MIT", true, true);
    recordImplementation(call, "ejabberd", "GPL-2.0", true, false);
    return call;
  }

  /** The Editor proposes the revision for the vote on Final, the Call for Experience's feedback incorporated. */
  protected void proposeForFinal(ProcessInstance call, String version) {
    complete("editor", call.getId(), "Task_ProposeForFinal", Map.of("proposedVersion", version));
  }

  /** The Editor records an implementation presented in the Call for Experience. */
  protected void recordImplementation(ProcessInstance call, String name, String licence, boolean openSource, boolean another) {
    complete("editor", call.getId(), "Task_RecordImplementation", Map.of("implementationPresented", true,
        "implementationName", name, "implementationLicence", licence, "implementationOpenSource", openSource,
        "anotherImplementation", another));
  }
}
