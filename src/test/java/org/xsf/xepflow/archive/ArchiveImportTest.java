package org.xsf.xepflow.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.transaction.support.TransactionTemplate;
import org.xsf.xepflow.document.HeaderLimits;
import org.xsf.xepflow.registry.StatusChange;
import org.xsf.xepflow.registry.XepNumbers;
import org.xsf.xepflow.registry.XepRepository;
import org.xsf.xepflow.registry.XepStatus;

/**
 * Import of the XSF's real documents into a database of its own (their numbers would collide with
 * the XEPs the other tests create).
 */
// An engine name without a hyphen: the starter ignores one with a hyphen, and an engine named "default"
// would take engine-rest over from the shared test context's engine in the same JVM.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:xepflow-import;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "camunda.bpm.process-engine-name=xepflowImport", "xepflow.site.dir=target/test-site-import",
    "xepflow.source-control.dir=target/test-xep-sources-import"})
@ActiveProfiles("test")
// The imported XEPs run through the lifecycle's diagram too: their paths count in the coverage check.
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class ArchiveImportTest {
  private static final Path ARCHIVE = Path.of("src/test/resources/xeps");
  // The day the fixtures were taken from the XSF's repository.
  private static final Instant SNAPSHOT = Instant.parse("2026-06-30T12:00:00Z");

  @Autowired
  ArchiveImport archiveImport;
  @Autowired
  XepRepository xeps;
  @Autowired
  ProcessEngine processEngine;
  @Autowired
  TransactionTemplate transaction;
  @Autowired
  TestRestTemplate http;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  XepNumbers xepNumbers;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void importsTheArchiveWithItsStatusesTimersAndHistoryAndASecondImportChangesNothing() {
    ClockUtil.setCurrentTime(Date.from(SNAPSHOT));
    ImportReport report = archiveImport.importFolder(ARCHIVE);

    assertThat(report.importedByStatus()).isEqualTo(Map.of("Active", 9, "Deferred", 28, "Deprecated", 4,
        "Draft", 14, "Experimental", 15, "Final", 3, "Obsolete", 9, "Proposed", 1, "Rejected", 2, "Retracted", 7));
    assertThat(report.refused()).extracting(ImportReport.Refused::file).containsExactlyInAnyOrder("xep-README.xml", "xep-template.xml");
    assertThat(report.refused()).allSatisfy(r -> assertThat(r.reason()).contains("is not a XEP number"));
    // the other tests import XEPs numbered from 10000
    assertThat(xeps.findAll()).filteredOn(xep -> xep.getNumber() < 10000).hasSize(92);
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("xep-lifecycle")
        .processInstanceBusinessKey("421").singleResult()).isNotNull();

    // XEP-0421 is Draft: its history from the revision list, its page published
    transaction.executeWithoutResult(tx -> {
      var occupantId = xeps.findById(421).orElseThrow();
      assertThat(occupantId.getStatus()).isEqualTo(XepStatus.Draft);
      assertThat(occupantId.getStatusHistory()).extracting(StatusChange::getToStatus)
          .containsExactly(XepStatus.Experimental, XepStatus.Draft);
      assertThat(occupantId.getDraftSince()).isEqualTo(Instant.parse("2025-01-15T00:00:00Z"));
      assertThat(occupantId.getVersions()).hasSize(6);
      assertThat(occupantId.currentVersion().getVersion()).isEqualTo("1.0.1");
    });
    assertThat(http.getForEntity("/extensions/xep-0421.html", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    // an imported version is none the Editor published as an editorial change, whatever its remark says
    assertThat(http.getForEntity("/extensions/xep-0421.html", String.class).getBody())
        .contains("<tr><th>Version</th><td>1.0.1</td></tr>").doesNotContain("editorial change");
    // a lifecycle started at Draft or Active has not just advanced: its namespaces were registered long ago
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("namespace-registration").count()).isZero();
    assertThat(http.getForEntity("/extensions/", String.class).getBody()).contains("xep-0421.html");

    // Experimental XEPs: the twelve-month timer counts from their last update
    for (int number : new int[] {420, 426, 454, 466}) {
      Job timer = timer(number, "Timer_Inactivity");
      Instant lastUpdated = transaction.execute(tx -> xeps.findById(number).orElseThrow().getLastUpdated());
      assertThat(timer.getDuedate().toInstant()).isEqualTo(lastUpdated.atZone(java.time.ZoneOffset.UTC).plusMonths(12).toInstant());
    }
    // the author is reminded a month before a deferral that is still ahead (XEP-0420, updated a week
    // before the snapshot), not before one that is already due (XEP-0426, last updated in 2022)
    Instant updated420 = transaction.execute(tx -> xeps.findById(420).orElseThrow().getLastUpdated());
    assertThat(timer(420, "Timer_DeferralReminder").getDuedate().toInstant())
        .isEqualTo(updated420.atZone(java.time.ZoneOffset.UTC).plusMonths(11).toInstant());
    assertThat(timer(426, "Timer_DeferralReminder")).isNull();
    // XEP-0377 is Proposed, in the Last Call its header gives (the newest, 2026-04-14): it runs to the end of
    // that day, and no new Last Call is issued or announced
    String lastCall = processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("last-call")
        .processInstanceBusinessKey("377").singleResult().getId();
    assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(lastCall).activityId("Timer_LastCallEnds")
        .singleResult().getDuedate().toInstant()).isEqualTo(Instant.parse("2026-04-14T23:59:59Z"));
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("announcement")
        .variableValueLike("subject", "LAST CALL%").count()).isZero();
    // the Editor extends it by a week: from today, as its end has long passed
    lastCallEnded(lastCall, Map.of("lastCallDecision", "extend", "extendDays", 7));
    assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(lastCall).activityId("Timer_LastCallEnds")
        .singleResult().getDuedate().toInstant()).isEqualTo(SNAPSHOT.plus(java.time.Duration.ofDays(7)));
    // once it has ended and the Editor proposed its revision, a later Last Call of XEP-0377 is issued anew
    ClockUtil.setCurrentTime(Date.from(SNAPSHOT.plus(java.time.Duration.ofDays(8))));
    lastCallEnded(lastCall, Map.of("lastCallDecision", "propose", "proposedVersion", "0.4.1"));
    String lifecycle377 = processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("xep-lifecycle")
        .processInstanceBusinessKey("377").singleResult().getId();
    assertThat(processEngine.getRuntimeService().getVariables(lifecycle377)).doesNotContainKey("issuedLastCallEnds");

    long instances = processEngine.getRuntimeService().createProcessInstanceQuery().count();
    ImportReport again = archiveImport.importFolder(ARCHIVE);
    assertThat(again.imported()).isZero();
    assertThat(again.alreadyKnown()).hasSize(92);
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(instances);
  }

  @Test
  void hostileAndBrokenDocumentsAreReportedAndNothingOfThemIsStored(@TempDir Path folder) throws Exception {
    // past XEP-9999 numbers take five digits
    String valid = Files.readString(ARCHIVE.resolve("xep-0421.xml")).replace("<number>0421</number>", "<number>10421</number>");
    Files.writeString(folder.resolve("xep-10421.xml"), valid);
    Files.writeString(folder.resolve("six-digits.xml"), valid.replace("<number>10421</number>", "<number>104210</number>"));
    Files.writeString(folder.resolve("xxe.xml"), "<?xml version='1.0'?><!DOCTYPE xep [<!ENTITY s SYSTEM 'file:///etc/passwd'>]>"
        + "<xep><header><title>&s;</title></header></xep>");
    Files.writeString(folder.resolve("status.xml"), valid.replace("<number>10421</number>", "<number>10422</number>")
        .replace("<status>Draft</status>", "<status>Approved</status>"));
    Files.writeString(folder.resolve("html.xml"), "<html><body>not a XEP</body></html>");
    Files.writeString(folder.resolve("no-version.xml"), valid.replace("<number>10421</number>", "<number>10424</number>")
        .replace("<version>1.0.1</version>", "<version></version>"));
    // a XEP in Latin-1 would be kept with replacement characters
    Files.writeString(folder.resolve("latin1.xml"), valid.replace("<number>10421</number>", "<number>10423</number>")
        .replace("<?xml version='1.0' encoding='UTF-8'?>", "<?xml version='1.0' encoding='ISO-8859-1'?>")
        .replace("<title>", "<title>Caf\u00e9 "), java.nio.charset.StandardCharsets.ISO_8859_1);
    // larger than any array: read whole, it ended the import with an OutOfMemoryError (sparse: no disk used)
    try (var huge = new java.io.RandomAccessFile(folder.resolve("huge.xml").toFile(), "rw")) {
      huge.setLength(3L << 30);
    }
    // not a file: an IOException, logged with its stack as a failure to store
    Files.createDirectory(folder.resolve("folder.xml"));

    ImportReport report = archiveImport.importFolder(folder);

    assertThat(report.importedByStatus()).isEqualTo(Map.of("Draft", 1));
    assertThat(report.refused()).extracting(ImportReport.Refused::file, r -> r.reason().substring(0, 20))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("xxe.xml", "The document refers "),
            org.assertj.core.groups.Tuple.tuple("status.xml", "Status 'Approved' is"),
            org.assertj.core.groups.Tuple.tuple("six-digits.xml", "'104210' is not a XE"),
            org.assertj.core.groups.Tuple.tuple("html.xml", "This is not a XEP do"),
            org.assertj.core.groups.Tuple.tuple("latin1.xml", "The document declare"),
            org.assertj.core.groups.Tuple.tuple("no-version.xml", "The newest revision "),
            org.assertj.core.groups.Tuple.tuple("huge.xml", "The document is larg"));
    assertThat(report.refused()).noneMatch(r -> r.reason().contains("root:"));
    assertThat(report.refused()).filteredOn(r -> r.file().equals("latin1.xml")).extracting(ImportReport.Refused::reason)
        .containsExactly("The document declares the encoding 'ISO-8859-1', but XEP documents are UTF-8: declare encoding='UTF-8', or none.");
    assertThat(xeps.existsById(10422)).isFalse();
    assertThat(xeps.existsById(10423)).isFalse();
    assertThat(xeps.existsById(10424)).isFalse();
    String label = transaction.execute(tx -> xeps.findById(10421).orElseThrow().label());
    assertThat(label).isEqualTo("XEP-10421");
  }

  @Test
  void theArchivesOldestDocumentsAreImportedAndValuesLongerThanTheRegistryKeepsAreRefused(@TempDir Path folder)
      throws Exception {
    String xep421 = Files.readString(ARCHIVE.resolve("xep-0421.xml"));
    // the XSF's archive of 2007 to 2011 holds XEPs without a shortname (XEP-0002, XEP-0005 and 18 more),
    // which its later documents give as N/A
    Files.writeString(folder.resolve("xep-10441.xml"), xep421.replace("<number>0421</number>", "<number>10441</number>")
        .replace("<shortname>occupant-id</shortname>", "").replace("<initials>mw</initials>", ""));
    // a Proposed XEP whose Last Call's end cannot be read has ended as of the import: no new Last Call is announced
    Files.writeString(folder.resolve("xep-10443.xml"), Files.readString(ARCHIVE.resolve("xep-0377.xml"))
        .replace("<number>0377</number>", "<number>10443</number>").replace("<lastcall>2026-04-14</lastcall>", "<lastcall>14 April 2026</lastcall>"));
    Files.writeString(folder.resolve("xep-10442.xml"), xep421.replace("<number>0421</number>", "<number>10442</number>")
        .replace("<remark>Fixed typo</remark>", "<remark>" + "r".repeat(HeaderLimits.REMARK + 1) + "</remark>"));

    ImportReport report = archiveImport.importFolder(folder);

    assertThat(report.importedByStatus()).isEqualTo(Map.of("Draft", 1, "Proposed", 1));
    String lastCall = processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("last-call")
        .processInstanceBusinessKey("10443").singleResult().getId();
    assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(lastCall).activityId("Timer_LastCallEnds")
        .singleResult().getDuedate()).isBeforeOrEqualTo(new Date());
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("announcement")
        .variableValueLike("subject", "LAST CALL: XEP-10443%").count()).isZero();
    assertThat(report.refused()).extracting(ImportReport.Refused::file, ImportReport.Refused::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple("xep-10442.xml",
            "The <remark> of revision 1.0.1: 4,001 characters; the XEPs database keeps at most 4,000."));
    assertThat(xeps.existsById(10442)).isFalse();
    transaction.executeWithoutResult(tx -> {
      var withoutShortname = xeps.findById(10441).orElseThrow();
      assertThat(withoutShortname.getShortname()).isEqualTo("N/A");
      assertThat(withoutShortname.version("0.2.0").orElseThrow().getInitials()).isEmpty();
    });
  }

  @Test
  void aXepTheDatabaseRefusesAtTheCommitIsReportedAsRefusedNotAsImported(@TempDir Path folder) throws Exception {
    String xep421 = Files.readString(ARCHIVE.resolve("xep-0421.xml"));
    Files.writeString(folder.resolve("xep-10451.xml"), xep421.replace("<number>0421</number>", "<number>10451</number>"));
    Files.writeString(folder.resolve("xep-10452.xml"), xep421.replace("<number>0421</number>", "<number>10452</number>"));
    // a failure of the database itself, at the commit, for one of them
    jdbc.execute("alter table xf_xep add constraint test_refuses_10452 check (number <> 10452)");
    ImportReport report;
    try {
      report = archiveImport.importFolder(folder);
    } finally {
      jdbc.execute("alter table xf_xep drop constraint test_refuses_10452");
    }

    assertThat(report.importedByStatus()).isEqualTo(Map.of("Draft", 1));
    assertThat(report.refused()).extracting(ImportReport.Refused::file).containsExactly("xep-10452.xml");
    assertThat(report.refused().get(0).reason()).startsWith("Could not be stored: ");
    assertThat(xeps.existsById(10451)).isTrue();
    assertThat(xeps.existsById(10452)).isFalse();
  }

  @Test
  void anotherXepUnderANumberTheRegistryHasIsRefusedAndTheSameOneIsLeftAlone(@TempDir Path first, @TempDir Path second)
      throws Exception {
    String xep421 = Files.readString(ARCHIVE.resolve("xep-0421.xml"));
    Files.writeString(first.resolve("xep-10461.xml"), xep421.replace("<number>0421</number>", "<number>10461</number>"));
    archiveImport.importFolder(first);
    String xep = Files.readString(ARCHIVE.resolve("xep-0030.xml"));
    String other = xep.replaceFirst("<number>\\d+</number>", "<number>10461</number>");
    Files.writeString(second.resolve("xep-10461.xml"), other);

    // before: it was counted as "already known", and the archive's XEP was never imported
    ImportReport report = archiveImport.importFolder(second);
    assertThat(report.alreadyKnown()).isEmpty();
    assertThat(report.refused()).singleElement().satisfies(refused -> assertThat(refused.reason())
        .isEqualTo("XEP-10461 is already in the registry as '%s', a XEP other than '%s'."
            .formatted(xeps.findById(10461).orElseThrow().getTitle(), "Service Discovery")));
    assertThat(archiveImport.importFolder(first).alreadyKnown()).containsExactly(10461);
  }

  @Test
  void anImportWaitsForAnAcceptanceThatIsNumberingAProtoXep(@TempDir Path warmUp, @TempDir Path folder) throws Exception {
    String xep421 = Files.readString(ARCHIVE.resolve("xep-0421.xml"));
    Files.writeString(warmUp.resolve("xep-10470.xml"), xep421.replace("<number>0421</number>", "<number>10470</number>"));
    Files.writeString(folder.resolve("xep-10471.xml"), xep421.replace("<number>0421</number>", "<number>10471</number>"));
    long start = System.nanoTime();
    archiveImport.importFolder(warmUp);
    // long enough for the import to finish, had it not waited
    long hold = Math.max(1000, 3 * Duration.ofNanos(System.nanoTime() - start).toMillis());
    CountDownLatch numbering = new CountDownLatch(1);
    AtomicReference<Instant> released = new AtomicReference<>();
    Thread acceptance = new Thread(() -> transaction.executeWithoutResult(status -> {
      xepNumbers.next();
      numbering.countDown();
      sleep(hold);
      released.set(Instant.now());
    }));
    acceptance.start();
    numbering.await();
    archiveImport.importFolder(folder);
    Instant imported = Instant.now();
    acceptance.join();

    assertThat(xeps.existsById(10471)).isTrue();
    assertThat(imported).isAfterOrEqualTo(released.get());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aVersionListedTwiceOrADateThatGoesBackKeepsTheNewestEntryAsTheCurrentVersion(@TempDir Path folder)
      throws Exception {
    String xep421 = Files.readString(ARCHIVE.resolve("xep-0421.xml"));
    // the current version listed twice, as XEP-0155 lists its 1.2 (2008 and 2016)
    Files.writeString(folder.resolve("xep-10431.xml"), xep421.replace("<number>0421</number>", "<number>10431</number>")
        .replace("<version>1.0.0</version>", "<version>1.0.1</version>"));
    // an earlier version dated after the current one, as XEP-0184 dates 1.3.0 after 1.4.0
    Files.writeString(folder.resolve("xep-10432.xml"), xep421.replace("<number>0421</number>", "<number>10432</number>")
        .replace("<date>2025-01-15</date>", "<date>2025-06-15</date>"));
    // deferred, then taken up again with new versions, as the archive's XEP-0353 was
    Files.writeString(folder.resolve("xep-10433.xml"), xep421.replace("<number>0421</number>", "<number>10433</number>")
        .replace("<status>Draft</status>", "<status>Experimental</status>")
        .replace("<remark>Fixed typo</remark>", "<remark>Clarified the examples.</remark>")
        .replace("<remark>Accept as Stable as per Council Vote from 2025-01-14.</remark>",
            "<remark>Addressed the feedback of the Standards list.</remark>")
        .replace("<version>0.1.0</version>", "<version>0.1.1</version><date>2020-09-01</date><initials>XEP Editor</initials>"
            + "<remark>Defer due to lack of activity.</remark></revision><revision><version>0.1.0</version>"));

    ImportReport report = archiveImport.importFolder(folder);

    assertThat(report.refused()).isEmpty();
    assertThat(report.importedByStatus()).isEqualTo(Map.of("Draft", 2, "Experimental", 1));
    transaction.executeWithoutResult(tx -> {
      var listedTwice = xeps.findById(10431).orElseThrow();
      assertThat(listedTwice.getVersions()).extracting(v -> v.getVersion())
          .containsExactly("0.0.1", "0.1.0", "0.2.0", "0.3.0", "1.0.1");
      assertThat(listedTwice.currentVersion().getDocument()).contains("<number>10431</number>");
      assertThat(listedTwice.currentVersion().getPublishedAt()).isEqualTo(Instant.parse("2025-04-09T00:00:00Z"));
      // the Council's vote that the repeated entry records is still in the status history
      assertThat(listedTwice.getStatusHistory()).extracting(StatusChange::getToStatus)
          .containsExactly(XepStatus.Experimental, XepStatus.Draft);
      assertThat(listedTwice.getDraftSince()).isEqualTo(Instant.parse("2025-01-15T00:00:00Z"));

      var dateGoesBack = xeps.findById(10432).orElseThrow();
      assertThat(dateGoesBack.currentVersion().getVersion()).isEqualTo("1.0.1");
      assertThat(dateGoesBack.currentVersion().getDocument()).contains("<number>10432</number>");
      // the current version keeps its own date, which the inactivity timer counts from
      assertThat(dateGoesBack.getLastUpdated()).isEqualTo(Instant.parse("2025-04-09T00:00:00Z"));

      // Experimental from version 0.1 (not the ProtoXEP's 0.0.1); XEP-0001 section 6: an updated version
      // brings a Deferred XEP back to Experimental
      var takenUpAgain = xeps.findById(10433).orElseThrow();
      assertThat(takenUpAgain.getStatusHistory()).extracting(StatusChange::getToStatus, StatusChange::getVersion)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(XepStatus.Experimental, "0.1.0"),
              org.assertj.core.groups.Tuple.tuple(XepStatus.Deferred, "0.1.1"),
              org.assertj.core.groups.Tuple.tuple(XepStatus.Experimental, "0.2.0"));
    });
    for (int number : new int[] {10431, 10432}) {
      assertThat(http.getForEntity("/extensions/xep-" + number + ".html", String.class).getBody())
          .contains("1.0.1").contains("Draft");
    }
  }

  @Test
  void onlyTheEditorMayImportThroughTheApi() {
    assertThat(http.withBasicAuth("author1", "xsf").postForEntity("/api/archive/import",
        Map.of("directory", ARCHIVE.toString()), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.postForEntity("/api/archive/import", Map.of("directory", ARCHIVE.toString()), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  /** The Last Call's end comes, and the Editor decides what follows. */
  private void lastCallEnded(String lastCall, Map<String, Object> decision) {
    processEngine.getManagementService().executeJob(processEngine.getManagementService().createJobQuery()
        .processInstanceId(lastCall).activityId("Timer_LastCallEnds").singleResult().getId());
    String ended = processEngine.getTaskService().createTaskQuery().processInstanceId(lastCall).singleResult().getId();
    processEngine.getIdentityService().setAuthentication("editor", java.util.List.of("editor"));
    try {
      processEngine.getFormService().submitTaskForm(ended, decision);
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  private Job timer(int number, String activityId) {
    String instance = processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("xep-lifecycle")
        .processInstanceBusinessKey(String.valueOf(number)).singleResult().getId();
    return processEngine.getManagementService().createJobQuery().processInstanceId(instance)
        .activityId(activityId).singleResult();
  }
}
