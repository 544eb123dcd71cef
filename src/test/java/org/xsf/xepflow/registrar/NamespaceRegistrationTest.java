package org.xsf.xepflow.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.lifecycle.LifecycleTestSupport;
import org.xsf.xepflow.publication.SitePublisher;
import org.xsf.xepflow.registry.NamespaceRegistration;
import org.xsf.xepflow.registry.NamespaceRegistrationRepository;
import org.xsf.xepflow.registry.Xep;
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
  @Autowired
  SitePublisher publisher;
  @Value("${xepflow.site.dir}/registrar")
  Path registrar;
  @Value("${xepflow.site.dir}/extensions")
  Path extensions;

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
  void theRegistryOfProtocolNamespacesIsPublishedOnceARegistrationCommitsAndADeferralLeavesItAlone() throws Exception {
    ProcessInstance ai = acceptedDraft("inbox/xep-ai.xml");
    ProcessInstance rsf = acceptedDraft("inbox/rsf.xml");
    String hostile = "urn:xmpp:ai:<script>alert('&amp;')</script>";
    register(ai, "urn:xmpp:shared:0\n" + hostile + "\nurn:xmpp:ai:0");
    register(rsf, "urn:xmpp:shared:0");
    String aiLabel = Xep.label(number(ai));
    String rsfLabel = Xep.label(number(rsf));

    // in the XSF's format, by namespace, a namespace of two XEPs listed with each
    List<String[]> registry = published(lists("urn:xmpp:shared:0", rsfLabel));
    assertThat(registry).extracting(ns -> ns[0]).isSorted();
    assertThat(registry).filteredOn(ns -> ns[1].equals(aiLabel)).extracting(ns -> ns[0])
        .containsExactly("urn:xmpp:ai:0", hostile, "urn:xmpp:shared:0");
    assertThat(registry).filteredOn(ns -> ns[0].equals("urn:xmpp:shared:0")).extracting(ns -> ns[1])
        .containsExactly(aiLabel, rsfLabel);
    // the page: the namespace as text, the XEP linked to its page, its status
    String page = Files.readString(registrar.resolve("namespaces.html"));
    assertThat(page).doesNotContain("<script>").contains("<tr><td><code>urn:xmpp:ai:&lt;script&gt;alert('&amp;amp;')"
        + "&lt;/script&gt;</code></td><td><a href=\"../extensions/xep-%04d.html\">%s</a></td><td class=\"status\">Draft</td></tr>"
        .formatted(number(ai), aiLabel));
    assertThat(http.getForEntity("/registrar/namespaces.html", String.class).getBody()).isEqualTo(page);
    assertThat(http.getForEntity("/registrar/namespaces.xml", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    // neither a step that rolls back nor a deferral rebuilds it: the XEPs' index, rebuilt after the registry, shows the deferral
    Files.delete(registrar.resolve("namespaces.xml"));
    transaction.executeWithoutResult(tx -> {
      publisher.namespacesRegistered();
      tx.setRollbackOnly();
    });
    ProcessInstance deferred = accept("author1", "inbox/muc-presence-versioning.xml", "Standards Track");
    advanceClock(Duration.ofDays(366));
    runAllDueJobs(deferred);
    assertStatus(deferred, XepStatus.Deferred);
    String index = "<tr data-status=\"Deferred\" data-type=\"Standards Track\"><td><a href=\"xep-%04d.html\">"
        .formatted(number(deferred));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!Files.readString(extensions.resolve("index.html")).contains(index) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(Files.readString(extensions.resolve("index.html"))).contains(index);
    assertThat(registrar.resolve("namespaces.xml")).doesNotExist();
  }

  @Test
  void aHistoricalXepRegistersOnActiveAndAgainOnDraftOnceConvertedButNotWhenRemandedToActive() throws Exception {
    ProcessInstance lifecycle = accept("author2", "xep-0090.xml", "Historical");
    advanceByUnanimousVote(lifecycle);
    assertStatus(lifecycle, XepStatus.Active);
    ProcessInstance onActive = registration(lifecycle);
    runDueJobs(onActive.getId());
    assertThat(onActive).variables().containsEntry("status", "Active").containsEntry("registeredNamespaces", "jabber:iq:time");
    complete("editor", onActive.getId(), "Task_RegisterNamespaces",
        Map.of("registeredNamespaces", "jabber:iq:time\nurn:xmpp:time:old"));
    String label = Xep.label(number(lifecycle));
    assertThat(published(lists("urn:xmpp:time:old", label))).filteredOn(ns -> ns[1].equals(label))
        .extracting(ns -> ns[0]).containsExactly("jabber:iq:time", "urn:xmpp:time:old");

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
    // the registry lists what the latest registration names
    complete("editor", registration.getId(), "Task_RegisterNamespaces", Map.of("registeredNamespaces", "jabber:iq:time"));
    assertThat(published(lists("urn:xmpp:time:old", label).negate())).filteredOn(ns -> ns[1].equals(label))
        .extracting(ns -> ns[0]).containsExactly("jabber:iq:time");
    assertThat(Files.readString(registrar.resolve("namespaces.html"))).contains("<tr><td><code>jabber:iq:time</code></td><td>"
        + "<a href=\"../extensions/xep-%04d.html\">%s</a></td><td class=\"status\">Draft</td></tr>".formatted(number(lifecycle), label));
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

  private void register(ProcessInstance lifecycle, String namespaces) {
    ProcessInstance registration = registration(lifecycle);
    runDueJobs(registration.getId());
    complete("editor", registration.getId(), "Task_RegisterNamespaces", Map.of("registeredNamespaces", namespaces));
  }

  /**
   * The published registry of protocol namespaces ({name, doc} each) once it is as expected: it is
   * rebuilt in the background after the registration commits.
   */
  private List<String[]> published(Predicate<List<String[]>> expected) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<String[]> registry = registry();
    while (!expected.test(registry) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      registry = registry();
    }
    return registry;
  }

  private static Predicate<List<String[]>> lists(String namespace, String xep) {
    return registry -> registry.stream().anyMatch(ns -> ns[0].equals(namespace) && ns[1].equals(xep));
  }

  private List<String[]> registry() throws Exception {
    Path file = registrar.resolve("namespaces.xml");
    List<String[]> registry = new ArrayList<>();
    if (!Files.exists(file)) {
      return registry;
    }
    var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("registry");
    assertThat(document.getDocumentElement().getAttribute("type")).isEqualTo("namespaces");
    NodeList entries = document.getElementsByTagName("ns");
    for (int i = 0; i < entries.getLength(); i++) {
      Element ns = (Element) entries.item(i);
      registry.add(new String[] {ns.getElementsByTagName("name").item(0).getTextContent(),
          ns.getElementsByTagName("doc").item(0).getTextContent()});
    }
    return registry;
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
