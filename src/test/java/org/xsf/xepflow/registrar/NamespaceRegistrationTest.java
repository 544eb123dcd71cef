package org.xsf.xepflow.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.lifecycle.LifecycleTestSupport;
import org.xsf.xepflow.registry.NamespaceRegistration;
import org.xsf.xepflow.registry.NamespaceRegistrationRepository;
import org.xsf.xepflow.registry.XepStatus;

/**
 * The Editor initiates the registration of a XEP's protocol namespaces with the XMPP Registrar when
 * it advances to Draft or Active (XEP-0001 section 14), from the namespaces its document names.
 */
class NamespaceRegistrationTest extends LifecycleTestSupport {
  private static final Map<String, String> UNANIMOUS =
      Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1");
  @Autowired
  NamespaceRegistrationRepository registrations;
  @Autowired
  TestRestTemplate http;

  @Test
  void advancingToDraftGivesTheEditorATaskWithTheXepsNamespacesWhichRecordsThemAndFinalGivesNone() {
    ProcessInstance lifecycle = acceptedDraft("inbox/xep-ai.xml");
    ProcessInstance registration = registration(lifecycle);
    // its own process, the document read in a job of its own: the lifecycle is in Draft already
    assertThat(registration).isWaitingAt("Task_FindNamespaces");
    assertThat(lifecycle).isWaitingAt("Timer_SixMonthsInDraft");
    runDueJobs(registration.getId());

    assertThat(registration).isWaitingAt("Task_RegisterNamespaces").task().hasCandidateGroup("editor")
        .hasName("Register the protocol namespaces of XEP-%04d with the XMPP Registrar".formatted(number(lifecycle)));
    assertThat(registration).variables().containsEntry("registeredNamespaces", "urn:xmpp:ai:0")
        .containsEntry("version", "1.0").containsEntry("status", "Draft")
        .containsEntry("namespaceFinding", "Its XMPP Registrar Considerations name the namespaces below.");

    // someone else than the Editor, or a line that is no namespace: refused, nothing recorded
    assertThatThrownBy(() -> complete("council1", registration.getId(), "Task_RegisterNamespaces",
        Map.of("registeredNamespaces", "urn:xmpp:ai:0"))).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> complete("editor", registration.getId(), "Task_RegisterNamespaces",
        Map.of("registeredNamespaces", "urn:xmpp:ai:0\nthe AI namespace")))
        .rootCause().isInstanceOf(InvalidInputException.class).hasMessage("\"the AI namespace\" is not a namespace:"
            + " write one a line, such as urn:xmpp:example:0 or http://jabber.org/protocol/example.");
    assertThat(registration).isWaitingAt("Task_RegisterNamespaces");
    assertThat(registrations.findByXepNumberOrderById(number(lifecycle))).isEmpty();

    // the Editor corrects the list
    complete("editor", registration.getId(), "Task_RegisterNamespaces",
        Map.of("registeredNamespaces", " urn:xmpp:ai:0\r\n\r\nurn:xmpp:ai:errors:0 \nurn:xmpp:ai:0\n"));
    assertThat(registration).hasPassed("End_NamespacesRegistered").isEnded();
    List<NamespaceRegistration> recorded = registrations.findByXepNumberOrderById(number(lifecycle));
    assertThat(recorded).singleElement().satisfies(r -> {
      assertThat(r.getNamespaces()).containsExactly("urn:xmpp:ai:0", "urn:xmpp:ai:errors:0");
      assertThat(r.getVersion()).isEqualTo("1.0");
      assertThat(r.getStatus()).isEqualTo(XepStatus.Draft);
      assertThat(r.getRegisteredBy()).isEqualTo("editor");
      assertThat(r.getRegisteredAt()).isNotNull();
    });
    Map<String, Object> xep = http.withBasicAuth("author2", "xsf").exchange("/api/xeps/" + number(lifecycle),
        HttpMethod.GET, null, new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();
    assertThat((List<Map<String, Object>>) xep.get("namespaceRegistrations")).singleElement().satisfies(r -> assertThat(r)
        .containsEntry("version", "1.0").containsEntry("status", "Draft").containsEntry("registeredBy", "editor")
        .containsEntry("namespaces", List.of("urn:xmpp:ai:0", "urn:xmpp:ai:errors:0")).containsKey("registeredAt"));

    // advancing to Final registers nothing anew
    ProcessInstance call = twoImplementationsPresented(lifecycle);
    proposeForFinal(call, "1.0");
    castVotes(lifecycle, UNANIMOUS);
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Final);
    assertThat(registrationsStarted(lifecycle)).isEqualTo(1);
  }

  @Test
  void advancingToActiveGivesTheTaskTooWhichStaysOpenWhenTheXepIsDeprecated() {
    ProcessInstance lifecycle = accept("author1", "inbox/fasten.xml", "Informational");
    advanceByUnanimousVote(lifecycle);
    assertStatus(lifecycle, XepStatus.Active);
    ProcessInstance registration = registration(lifecycle);
    runDueJobs(registration.getId());
    assertThat(registration).isWaitingAt("Task_RegisterNamespaces");
    assertThat(registration).variables().containsEntry("registeredNamespaces", "urn:xmpp:fasten:0")
        .containsEntry("status", "Active");

    recordDecision("council-decision-approved", lifecycle, Map.of("councilDecision", "deprecate"));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Deprecated);
    assertThat(registration).isWaitingAt("Task_RegisterNamespaces");
    complete("editor", registration.getId(), "Task_RegisterNamespaces", Map.of("registeredNamespaces", "urn:xmpp:fasten:0"));

    assertThat(registrations.findByXepNumberOrderById(number(lifecycle))).singleElement().satisfies(r -> {
      assertThat(r.getNamespaces()).containsExactly("urn:xmpp:fasten:0");
      assertThat(r.getStatus()).isEqualTo(XepStatus.Active);
    });
  }

  @Test
  void aXepThatRequiresNoInteractionWithTheRegistrarGivesTheEditorNoTask() {
    ProcessInstance lifecycle = acceptedDraft("inbox/jingle-rtp-mti.xml");
    ProcessInstance registration = registration(lifecycle);
    runDueJobs(registration.getId());

    assertThat(registration).hasPassed("End_NothingToRegister").isEnded();
    assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(registration.getId()).count()).isZero();
  }

  @Test
  void whenNoNamespaceIsFoundTheEditorIsToldSoAndMayRecordNone() {
    // its XMPP Registrar Considerations say "REQUIRED."
    ProcessInstance lifecycle = acceptedDraft("inbox/rsf.xml");
    ProcessInstance registration = registration(lifecycle);
    runDueJobs(registration.getId());

    assertThat(registration).isWaitingAt("Task_RegisterNamespaces");
    assertThat(registration).variables().containsEntry("registeredNamespaces", "").containsEntry("namespaceFinding",
        "No namespace was found in its XMPP Registrar Considerations: read the section and list those to register.");
    complete("editor", registration.getId(), "Task_RegisterNamespaces", Map.of("registeredNamespaces", ""));

    assertThat(registrations.findByXepNumberOrderById(number(lifecycle))).singleElement()
        .satisfies(r -> assertThat(r.getNamespaces()).isEmpty());
  }

  @Test
  void aHistoricalXepRegistersOnActiveAndAgainOnDraftOnceConvertedButNotWhenRemandedToActive() {
    ProcessInstance lifecycle = accept("author2", "xep-0090.xml", "Historical");
    advanceByUnanimousVote(lifecycle);
    assertStatus(lifecycle, XepStatus.Active);
    ProcessInstance onActive = registration(lifecycle);
    runDueJobs(onActive.getId());
    assertThat(onActive).variables().containsEntry("status", "Active").containsEntry("registeredNamespaces", "jabber:iq:time");
    complete("editor", onActive.getId(), "Task_RegisterNamespaces", Map.of("registeredNamespaces", "jabber:iq:time"));

    // converted, its vote blocked and the XEP remanded: back to Active, nothing to register anew
    recordDecision("convert-historical-xep", lifecycle, Map.of());
    runAllDueJobs(lifecycle);
    lastCallEndsWithProposal(lifecycle, "1.0");
    castVotes(lifecycle, Map.of("council1", "+1", "council2", "-1", "council3", "+1", "council4", "+1", "council5", "+1"));
    advanceClock(Duration.ofDays(30));
    runAllDueJobs(lifecycle);
    complete("editor", lifecycle.getId(), "Task_VoteNotPassed",
        Map.of("voteDecision", "remand", "voteDecisionReason", "Not ready for the standards track."));
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Active);
    assertThat(registrationsStarted(lifecycle)).isEqualTo(1);

    // converted and advanced: Draft, its namespaces registered on the standards track
    recordDecision("convert-historical-xep", lifecycle, Map.of());
    runAllDueJobs(lifecycle);
    lastCallEndsWithProposal(lifecycle, "1.0");
    castVotes(lifecycle, UNANIMOUS);
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Draft);
    assertThat(registrationsStarted(lifecycle)).isEqualTo(2);
    ProcessInstance registration = registration(lifecycle);
    runDueJobs(registration.getId());
    assertThat(registration).variables().containsEntry("status", "Draft")
        .containsEntry("registeredNamespaces", "jabber:iq:time");
  }

  @Test
  void aHumorousXepActiveAtOnceAndADeferredOneRegisterNothing() {
    ProcessInstance humorous = accept("author2", "xep-0263.xml", "Humorous");
    runAllDueJobs(humorous);
    assertStatus(humorous, XepStatus.Active);
    assertThat(registrationsStarted(humorous)).isZero();

    ProcessInstance deferred = accept("author1", "inbox/muc-presence-versioning.xml", "Standards Track");
    advanceClock(Duration.ofDays(366));
    runAllDueJobs(deferred);
    assertStatus(deferred, XepStatus.Deferred);
    assertThat(registrationsStarted(deferred)).isZero();
    // a deferral passes none of the steps that lead to the registration, not even their gateways
    assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(deferred.getId()).list()).extracting(a -> a.getActivityId())
        .contains("SubProcess_Deferred")
        .doesNotContain("Task_StartNamespaceRegistration", "Gateway_AdvancedStatus", "Gateway_JoinDraft");
  }

  /** The registration the XEP's lifecycle started last. */
  private ProcessInstance registration(ProcessInstance lifecycle) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(StartNamespaceRegistration.PROCESS)
        .processInstanceBusinessKey(lifecycle.getBusinessKey()).singleResult();
  }

  private long registrationsStarted(ProcessInstance lifecycle) {
    return processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(StartNamespaceRegistration.PROCESS).processInstanceBusinessKey(lifecycle.getBusinessKey())
        .count();
  }
}
