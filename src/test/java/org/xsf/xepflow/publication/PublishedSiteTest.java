package org.xsf.xepflow.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xsf.xepflow.lifecycle.LifecycleTestSupport;
import org.xsf.xepflow.support.ProbeDiagram;

/** The site the processes publish: XEP pages, the attic, tmp/, the index and the feed. */
class PublishedSiteTest extends LifecycleTestSupport {
  private static final String PROBE = "probe-provisional-publication";
  @Autowired
  TestRestTemplate http;
  @Value("${xepflow.site.dir}/extensions")
  Path site;
  @Value("${xepflow.source-control.dir}")
  Path sources;
  @Autowired
  SitePublisher publisher;
  @Autowired
  ProvisionalCopies provisionalCopies;
  @Autowired
  PlatformTransactionManager transactionManager;

  @Test
  void theSiteFollowsTheLifecycle() throws IOException {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    String page = "xep-%04d.html".formatted(number(lifecycle));
    assertThat(HtmlUtils.htmlUnescape(Files.readString(site.resolve(page)))).contains("The 'xmpp.pubsub' URI Scheme")
        .contains("<td class=\"status\">Experimental</td>").contains("<td>0.1</td>");

    String firstVersionPage = Files.readString(site.resolve(page));
    publishNewVersion(lifecycle, "0.2");
    // as if the page of 0.2 had not been written: a change of status renders the current version again
    Files.writeString(site.resolve(page), firstVersionPage);
    advanceClock(Duration.ofDays(370));
    runAllDueJobs(lifecycle);

    assertThat(Files.readString(site.resolve(page))).contains("<td class=\"status\">Deferred</td>").contains("<td>0.2</td>");
    assertThat(site.resolve("attic/xep-%04d-0.1.html".formatted(number(lifecycle)))).exists();
    assertThat(site.resolve("attic/xep-%04d-0.2.xml".formatted(number(lifecycle)))).exists();
    // the attic keeps version 0.2 as it was published; only the XEP's page shows the new status
    assertThat(Files.readString(site.resolve("attic/xep-%04d-0.2.html".formatted(number(lifecycle)))))
        .contains("<td class=\"status\">Experimental</td>");
    // a change of status rewrites the status of the page as it was published
    recordDecision("reassign-xep", lifecycle, Map.of("reassignReason", "Work resumed."));
    runAllDueJobs(lifecycle);
    assertThat(Files.readString(site.resolve(page))).contains("<td class=\"status\">Experimental</td>")
        .contains("<td>0.2</td>").contains("Revision History");
    // the index and feed follow moments later (IndexRefresher)
    String index = rebuilt("index.html", "data-status=\"Experimental\" data-type=\"Standards Track\"><td><a href=\"" + page);
    assertThat(index).containsPattern("data-status=\"Experimental\" data-type=\"Standards Track\"><td><a href=\"" + page
        + "\">XEP-\\d{4}</a></td><td>The 'xmpp.pubsub' URI Scheme");
    // waited for this XEP's entry: another test's deferred XEP is in the feed before it
    String feed = rebuilt("feed.xml", "XEP-%04d (The 'xmpp.pubsub' URI Scheme) is now Deferred".formatted(number(lifecycle)));
    assertThat(feed).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">")
        .contains("XEP-%04d (The 'xmpp.pubsub' URI Scheme) is now Deferred".formatted(number(lifecycle)))
        .contains("XEP-%04d (The 'xmpp.pubsub' URI Scheme) version 0.2".formatted(number(lifecycle)));

    assertThat(http.getForEntity("/extensions/", String.class).getBody()).contains("XMPP Extensions").contains(page);
    try (var git = org.eclipse.jgit.api.Git.open(sources.toFile())) {
      var log = new java.util.ArrayList<org.eclipse.jgit.revwalk.RevCommit>();
      git.log().addPath("xep-%04d.xml".formatted(number(lifecycle))).call().forEach(log::add);
      assertThat(log).extracting(org.eclipse.jgit.revwalk.RevCommit::getShortMessage).containsSubsequence(
          "XEP-%04d 0.2: Changes 0.2".formatted(number(lifecycle)),
          "XEP-%04d 0.1: Accepted by the XMPP Council: no Council member objected.".formatted(number(lifecycle)));
      assertThat(log.get(0).getCommitterIdent().getName()).isEqualTo("XMPP Extensions Editor");
      // the files, git's index and the last commit agree, as after a git add and commit
      assertThat(git.status().call().isClean()).isTrue();
    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new AssertionError(e);
    }
    assertThat(http.getForEntity("/extensions/" + page, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/extensions/xep.css", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aProvisionalChangeIsPublishedInTmpUntilTheCouncilDoesNotApproveIt() throws IOException {
    ProcessInstance lifecycle = acceptedDraft(accept("author2", "inbox/account-management.xml", "Standards Track"));
    submitAsAuthor("author2", lifecycle, Map.of("xml", nextVersion(lifecycle, "1.1", "Material change")));
    ProcessInstance newVersion = called(lifecycle, "new-version");
    complete("editor", newVersion.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish", "changeKind", "material"));

    Path provisional = site.resolve("tmp/xep-%04d-1.1.html".formatted(number(lifecycle)));
    assertThat(Files.readString(provisional)).contains("Provisional version");
    assertThat(Files.readString(site.resolve("xep-%04d.html".formatted(number(lifecycle))))).doesNotContain("<td>1.1</td>");

    castVotes(newVersion.getId(), Map.of("council1", "-1", "council2", "0", "council3", "0", "council4", "0", "council5", "0"));
    advanceClock(Duration.ofDays(30));
    runAllDueJobs(lifecycle);
    assertThat(provisional).doesNotExist();
    assertThat(site.resolve("tmp/xep-%04d-1.1.xml".formatted(number(lifecycle)))).doesNotExist();

    // as if a stop had come between the withdrawal's commit and the removal
    Files.writeString(provisional, "left behind");
    // nothing leaves tmp/ for a withdrawal that rolled back
    transaction.executeWithoutResult(tx -> {
      provisionalCopies.provisionalEnded(number(lifecycle), "1.1");
      tx.setRollbackOnly();
    });
    assertThat(provisional).exists();
    start();
    assertThat(provisional).doesNotExist();
  }

  @Test
  void aProvisionalChangeLeavesTmpOnceTheCouncilApprovesItAndItIsPublished() throws IOException {
    ProcessInstance lifecycle = acceptedDraft(accept("author2", "inbox/account-management.xml", "Standards Track"));
    int number = number(lifecycle);
    submitAsAuthor("author2", lifecycle, Map.of("xml", nextVersion(lifecycle, "1.1", "Material change")));
    ProcessInstance newVersion = called(lifecycle, "new-version");
    complete("editor", newVersion.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish", "changeKind", "material"));
    Path page = site.resolve("tmp/xep-%04d-1.1.html".formatted(number));
    Path document = site.resolve("tmp/xep-%04d-1.1.xml".formatted(number));
    assertThat(inTmp(number, "1.1")).containsExactlyInAnyOrder(page, document);

    castVotes(newVersion.getId(), Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1"));
    runAllDueJobs(lifecycle);
    assertThat(Files.readString(site.resolve("xep-%04d.html".formatted(number)))).contains("<td>1.1</td>");
    // both stayed in tmp/ for good before, the page saying the change was official only once approved
    assertThat(inTmp(number, "1.1")).isEmpty();

    // as if a stop had come between the approval's commit and the removal, or the approval before this removal was made
    Files.writeString(page, "left behind");
    Files.writeString(document, "left behind");
    // a copy of a version the database does not have: written before its step committed, by an older xepflow, and rolled back
    Path rolledBack = Files.writeString(site.resolve("tmp/xep-%04d-1.2.html".formatted(number)), "rolled back");
    start();
    assertThat(inTmp(number, "1.1")).isEmpty();
    assertThat(rolledBack).doesNotExist();
  }

  /**
   * A provisional change's copy is written to tmp/ once its step commits: none for a step that rolls back (an error
   * later in it, or another person completing the same review first), which stayed there for good, beside the
   * pending versions; and one a stop between the commit and the writing kept from tmp/ is written at the next start.
   */
  @Test
  void aProvisionalChangeIsWrittenToTmpOnceItsStepCommitsAndNotIfItRollsBack() throws IOException {
    ProcessInstance lifecycle = acceptedDraft(accept("author2", "inbox/account-management.xml", "Standards Track"));
    int number = number(lifecycle);
    String document = nextVersion(lifecycle, "1.1", "Material change");
    BpmnModelInstance failingAfterIt = ProbeDiagram.process(PROBE).startEvent()
        .serviceTask("Task_PublishProvisionally").camundaDelegateExpression("${publishProvisionalVersion}")
        .serviceTask("Task_Fail").camundaExpression("${notABean.fails()}").endEvent().done();
    try (ProbeDiagram probe = ProbeDiagram.deploy(processEngine, PROBE, failingAfterIt)) {
      assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(PROBE, Map.of("xepNumber", number,
          "newVersion", "1.1", "versionInitials", "aa", "versionRemark", "Material change", "xml", document)))
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("notABean");
    }
    assertThat(inTmp(number, "1.1")).isEmpty();

    submitAsAuthor("author2", lifecycle, Map.of("xml", document));
    ProcessInstance newVersion = called(lifecycle, "new-version");
    Map<String, Object> material = Map.of("versionDecision", "publish", "changeKind", "material");
    transaction.executeWithoutResult(tx -> {
      complete("editor", newVersion.getId(), "Task_EditorReviewVersion", material);
      tx.setRollbackOnly();
    });
    assertThat(inTmp(number, "1.1")).isEmpty();
    assertThat(registryEntry(lifecycle).version("1.1")).isEmpty();

    transaction.executeWithoutResult(tx -> {
      complete("editor", newVersion.getId(), "Task_EditorReviewVersion", material);
      assertThat(inTmp(number, "1.1")).isEmpty();
    });
    Path page = site.resolve("tmp/xep-%04d-1.1.html".formatted(number));
    assertThat(inTmp(number, "1.1")).containsExactlyInAnyOrder(page, site.resolve("tmp/xep-%04d-1.1.xml".formatted(number)));
    assertThat(Files.readString(page)).contains("Provisional version");
    assertThat(runtimeService.getVariable(newVersion.getId(), "provisionalUrl")).asString().endsWith("/extensions/tmp/xep-%04d-1.1.html".formatted(number));

    // as if a stop had come between the commit and the writing
    Files.delete(page);
    start();
    assertThat(Files.readString(page)).contains("Provisional version").contains("<td>1.1</td>");
  }

  /**
   * An editorial change shows as such on the XEP's page, its attic copy, the index and the feed, from what the
   * database says of the version: also when the site is rebuilt at start. The reversal the Council may demand is
   * published as a new version, which is none.
   */
  @Test
  void anEditorialChangeShowsAsSuchOnTheSiteUntilItIsReversed() throws IOException {
    ProcessInstance lifecycle = acceptedDraft(accept("author2", "inbox/account-management.xml", "Standards Track"));
    int number = number(lifecycle);
    reviewedChange(lifecycle, "1.0.1", "Editorial: fixed a typo.", "editorial");

    String marked = "<td>1.0.1<span class=\"editorial\"> (editorial change)</span></td>";
    String sentence = "Version 1.0.1 was published by the XMPP Extensions Editor as an editorial change, one that could not"
        + " reasonably be construed as material, without a vote of the XMPP Council. The Council may demand the reversal";
    Path page = site.resolve("xep-%04d.html".formatted(number));
    Path attic = site.resolve("attic/xep-%04d-1.0.1.html".formatted(number));
    assertThat(Files.readString(page)).contains("<tr><th>Version</th>" + marked).contains(sentence);
    assertThat(Files.readString(attic)).contains("<tr><th>Version</th>" + marked).contains(sentence);
    String row = "xep-%04d.html\">XEP-%04d</a></td><td>Account Management</td><td>Standards Track</td><td class=\"status\">Draft</td>"
        .formatted(number, number);
    assertThat(rebuilt("index.html", row + marked)).contains(row + marked);
    String entry = "XEP-%04d (Account Management) version 1.0.1 (editorial change)".formatted(number);
    assertThat(rebuilt("feed.xml", entry)).contains(entry + "</title>")
        .contains("<summary>Editorial: fixed a typo. Published by the XMPP Extensions Editor as an editorial change");

    // a new site folder: every page and the index rebuilt from the database
    for (Path file : List.of(page, attic, site.resolve("index.html"), site.resolve("feed.xml"))) {
      Files.delete(file);
    }
    start();
    assertThat(Files.readString(page)).contains("<tr><th>Version</th>" + marked).contains(sentence);
    assertThat(Files.readString(attic)).contains("<tr><th>Version</th>" + marked);
    assertThat(rebuilt("index.html", row + marked)).contains(row + marked);
    assertThat(rebuilt("feed.xml", entry)).contains(entry + "</title>");

    recordDecision("council-demands-reversal", lifecycle, Map.of("reversedVersion", "1.0.1", "reversalVersion", "1.0.2",
        "councilDecidedOn", java.time.LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), java.time.ZoneOffset.UTC).toString(),
        "councilMinutesUrl", "https://logs.xmpp.org/council/2026-06-30"));
    runAllDueJobs(lifecycle);
    assertThat(Files.readString(page)).contains("<tr><th>Version</th><td>1.0.2</td>").doesNotContain("editorial change");
    assertThat(Files.readString(site.resolve("attic/xep-%04d-1.0.2.html".formatted(number)))).doesNotContain("editorial change");
    // the attic keeps 1.0.1 as it was published, an editorial change
    assertThat(Files.readString(attic)).contains(marked);
    assertThat(rebuilt("index.html", row + "<td>1.0.2</td>")).contains(row + "<td>1.0.2</td>");
    String reversal = "XEP-%04d (Account Management) version 1.0.2</title>".formatted(number);
    assertThat(rebuilt("feed.xml", reversal)).contains(reversal).contains(entry + "</title>");
  }

  /** A material change, which the Council approved, is no editorial one: the site shows it as a version like any other. */
  @Test
  void aMaterialChangeAfterAnEditorialOneShowsAsAVersionLikeAnyOther() throws IOException {
    ProcessInstance lifecycle = acceptedDraft(accept("author2", "inbox/account-management.xml", "Standards Track"));
    int number = number(lifecycle);
    reviewedChange(lifecycle, "1.0.1", "Editorial: fixed a typo.", "editorial");
    Path page = site.resolve("xep-%04d.html".formatted(number));
    assertThat(Files.readString(page)).contains("<td>1.0.1<span class=\"editorial\"> (editorial change)</span></td>");

    ProcessInstance material = reviewedChange(lifecycle, "1.1", "Material change", "material");
    castVotes(material.getId(), Map.of("council1", "+1", "council2", "+1", "council3", "+1", "council4", "+1", "council5", "+1"));
    runAllDueJobs(lifecycle);

    assertThat(Files.readString(page)).contains("<tr><th>Version</th><td>1.1</td>").doesNotContain("editorial change");
    String row = "xep-%04d.html\">XEP-%04d</a></td><td>Account Management</td><td>Standards Track</td><td class=\"status\">Draft</td>"
        .formatted(number, number);
    assertThat(rebuilt("index.html", row + "<td>1.1</td>")).contains(row + "<td>1.1</td>");
    String entry = "XEP-%04d (Account Management) version 1.1</title>".formatted(number);
    assertThat(rebuilt("feed.xml", entry)).contains(entry)
        .contains("XEP-%04d (Account Management) version 1.0.1 (editorial change)</title>".formatted(number));
  }

  @Test
  void theFeedIsXmlWhateverARemarkSays() throws Exception {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    // HTML's named entities (&eacute;, &mdash;) are undefined in XML (control characters, which XML 1.1
    // documents may hold, the document check refuses in a header; XmlTextTest leaves them out)
    String document = nextVersion(lifecycle, "0.2", "Caf\u00e9 \u2014 \u201cquoted\u201d &amp; &lt;b&gt;");
    submitAsAuthor("author1", lifecycle, Map.of("xml", document));
    ProcessInstance newVersion = called(lifecycle, "new-version");
    complete("editor", newVersion.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish"));
    runDueJobs(newVersion.getId());
    rebuilt("feed.xml", "XEP-%04d (The 'xmpp.pubsub' URI Scheme) version 0.2".formatted(number(lifecycle)));

    DocumentBuilderFactory parsers = DocumentBuilderFactory.newInstance();
    parsers.setNamespaceAware(true);
    Document feed = parsers.newDocumentBuilder().parse(site.resolve("feed.xml").toFile());
    NodeList summaries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "summary");
    assertThat(IntStream.range(0, summaries.getLength()).mapToObj(i -> summaries.item(i).getTextContent()))
        .contains("Caf\u00e9 \u2014 \u201cquoted\u201d & <b>");
  }

  @Test
  void theListArchiveShowsWhatWentToTheListNewestFirstAndNoMailMeantForOnePerson() {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    advanceClock(Duration.ofDays(340));
    runAllDueJobs(lifecycle);
    assertThat(subjects()).anyMatch(subject -> subject.startsWith("Reminder: XEP-%04d".formatted(number(lifecycle))));

    String archive = http.getForEntity("/lists/standards", String.class).getBody();
    // the author's reminder was there for anyone to read, oldest first
    assertThat(archive).doesNotContain("Reminder: XEP-%04d".formatted(number(lifecycle)));
    String accepted = "NEW: XEP-%04d".formatted(number(lifecycle));
    assertThat(archive).contains(accepted).contains("ProtoXEP: ");
    assertThat(archive.indexOf(accepted)).isLessThan(archive.lastIndexOf("ProtoXEP: "));
  }

  @Test
  void aChangeAStopKeptFromBeingPublishedIsPublishedAtTheNextStart() throws Exception {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    int number = number(lifecycle);
    // committed, then the JVM died before the page, the attic and the commit were written; and
    // before that a stop in the middle of a commit left git's index locked
    String lost = nextVersion(lifecycle, "0.2", "Written before the stop");
    transaction.executeWithoutResult(tx -> xeps.findById(number).orElseThrow()
        .publish("0.2", "xf", "Written before the stop", lost, java.time.Instant.now()));
    Path lock = Files.writeString(sources.resolve(".git").resolve("index.lock"), "");

    start();

    assertThat(Files.readString(site.resolve("xep-%04d.html".formatted(number)))).contains("<td>0.2</td>");
    assertThat(site.resolve("attic/xep-%04d-0.2.html".formatted(number))).exists();
    assertThat(lock).doesNotExist();
    assertThat(SourceCommits.of(sources, number).get(0).getShortMessage())
        .isEqualTo("XEP-%04d 0.2: Written before the stop".formatted(number));
    // and nothing more at the start after
    long before = Files.getLastModifiedTime(site.resolve("xep-%04d.html".formatted(number))).toMillis();
    start();
    assertThat(Files.getLastModifiedTime(site.resolve("xep-%04d.html".formatted(number))).toMillis()).isEqualTo(before);
  }

  /**
   * A step run in a transaction of its own inside another (REQUIRES_NEW) publishes what it changed
   * when it commits, and nothing when it rolls back, whatever the outer transaction does.
   */
  @Test
  void aTransactionInsideAnotherPublishesItsOwnChanges() throws IOException {
    ProcessInstance lifecycle = accept("author1", "inbox/pubsub-uri.xml", "Standards Track");
    Path page = site.resolve("xep-%04d.html".formatted(number(lifecycle)));
    TransactionTemplate inner = new TransactionTemplate(transactionManager);
    inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    Files.delete(page);
    transaction.executeWithoutResult(outer -> {
      publisher.statusChanged(Integer.MAX_VALUE, "0.1"); // the outer transaction has changes of its own (of no XEP)
      inner.executeWithoutResult(tx -> publisher.statusChanged(number(lifecycle), "0.1"));
      assertThat(page).exists();
      try {
        Files.delete(page);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      inner.executeWithoutResult(tx -> {
        publisher.statusChanged(number(lifecycle), "0.1");
        tx.setRollbackOnly();
      });
    });
    assertThat(page).doesNotExist();
    publisher.statusChanged(number(lifecycle), "0.1");
    assertThat(Files.readString(page)).contains("<td class=\"status\">Experimental</td>");
  }

  /** What tmp/ holds of a version of the XEP. */
  private List<Path> inTmp(int number, String version) {
    if (!Files.isDirectory(site.resolve("tmp"))) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(site.resolve("tmp"))) {
      return files.filter(file -> file.getFileName().toString().startsWith("xep-%04d-%s.".formatted(number, version))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The author submits a new version of the XEP and the Editor publishes it as a change of this kind. */
  private ProcessInstance reviewedChange(ProcessInstance lifecycle, String version, String remark, String changeKind) {
    submitAsAuthor(registryEntry(lifecycle).getAuthor(), lifecycle, Map.of("xml", nextVersion(lifecycle, version, remark)));
    ProcessInstance change = called(lifecycle, "new-version");
    complete("editor", change.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish", "changeKind", changeKind));
    runAllDueJobs(lifecycle);
    return change;
  }

  /** The file once it shows the expected text (once it is there: a rebuild writes it anew), within ten seconds. */
  private String rebuilt(String file, String expected) throws IOException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    String content = read(file);
    while (!content.contains(expected) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      content = read(file);
    }
    return content;
  }

  private String read(String file) throws IOException {
    Path path = site.resolve(file);
    return Files.exists(path) ? HtmlUtils.htmlUnescape(Files.readString(path)) : "";
  }

  /** What the app does at start for the site: its pages, and tmp/. */
  private void start() {
    publisher.run(null);
    provisionalCopies.run(null);
  }
}
