package org.xsf.xepflow.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.xsf.xepflow.document.CheckedDocument;
import org.xsf.xepflow.document.DocumentRejectedException;
import org.xsf.xepflow.document.Revision;
import org.xsf.xepflow.document.Utf8Text;
import org.xsf.xepflow.document.XepDocumentChecker;
import org.xsf.xepflow.document.XepHeader;
import org.xsf.xepflow.engine.SystemActor;
import org.xsf.xepflow.publication.SitePublisher;
import org.xsf.xepflow.lifecycle.XepLifecycleStart;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepNumbers;
import org.xsf.xepflow.registry.XepRepository;
import org.xsf.xepflow.registry.XepStatus;
import org.xsf.xepflow.registry.XepType;

/**
 * Imports an existing archive of XEP documents (such as the XSF's own repository): a registry
 * entry per XEP with its versions and status history from the revision list, and its lifecycle
 * started at its current status with its real dates, so its timers fall due as they would have.
 * XEPs already in the database are left alone; each document is imported in its own transaction
 * and one that cannot be taken is reported with the reason.
 */
@Service
public class ArchiveImport {
  static final String IMPORTED_BY = "import";
  private static final ComparableVersion FIRST_XEP_VERSION = new ComparableVersion("0.1");
  private static final String NO_SHORTNAME = "N/A";
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveImport.class);

  private final XepDocumentChecker checker;
  private final XepRepository xeps;
  private final XepNumbers numbers;
  private final RuntimeService runtimeService;
  private final SystemActor system;
  private final SitePublisher publisher;
  private final XepLifecycleStart lifecycle;
  private final TransactionTemplate transaction;
  private final String steward;

  public ArchiveImport(XepDocumentChecker checker, XepRepository xeps, XepNumbers numbers, RuntimeService runtimeService,
      SystemActor system, SitePublisher publisher, XepLifecycleStart lifecycle, PlatformTransactionManager transactions,
      @Value("${xepflow.archive.steward}") String steward) {
    this.checker = checker;
    this.xeps = xeps;
    this.numbers = numbers;
    this.runtimeService = runtimeService;
    this.system = system;
    this.publisher = publisher;
    this.lifecycle = lifecycle;
    this.transaction = new TransactionTemplate(transactions);
    this.steward = steward;
  }

  /** Imports every *.xml document of a folder. The caller has checked who may do this. */
  public ImportReport importFolder(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("No folder " + folder.toAbsolutePath());
    }
    // The import acts for the XSF, not with the rights of the Editor who started it.
    return system.call(() -> importDocuments(folder));
  }

  private ImportReport importDocuments(Path folder) {
    Map<String, Integer> imported = new TreeMap<>();
    List<Integer> known = new ArrayList<>();
    List<ImportReport.Refused> refused = new ArrayList<>();
    for (Path file : documents(folder)) {
      try {
        // counted once its transaction has committed: a failure at the commit is a refusal, not an import
        Outcome outcome = transaction.execute(tx -> importDocument(file));
        if (outcome.known()) {
          known.add(outcome.number());
        } else {
          imported.merge(outcome.status().name(), 1, Integer::sum);
        }
      } catch (DocumentRejectedException | IllegalArgumentException e) {
        refused.add(new ImportReport.Refused(file.getFileName().toString(), e.getMessage()));
      } catch (RuntimeException e) {
        LOG.warn("Could not import {}", file, e);
        refused.add(new ImportReport.Refused(file.getFileName().toString(), "Could not be stored: " + e.getMessage()));
      }
    }
    publisher.publishAll();
    ImportReport report = new ImportReport(imported, known, refused);
    LOG.info("Imported {} XEPs from {} ({}), {} already known, {} refused: {}", report.imported(), folder,
        imported, known.size(), refused.size(), refused);
    return report;
  }

  /** A document's XEP, with the status it was imported in, or none when it was already known. */
  private record Outcome(int number, XepStatus status) {
    boolean known() {
      return status == null;
    }
  }

  private Outcome importDocument(Path file) {
    byte[] document = read(file);
    CheckedDocument checked = checker.check(document);
    XepHeader header = checked.header();
    int number = number(header);
    // an acceptance numbering a ProtoXEP meanwhile would take this number too
    numbers.lock();
    Xep existing = xeps.findById(number).orElse(null);
    if (existing != null) {
      if (!sameXep(existing, header)) {
        throw new IllegalArgumentException("%s is already in the registry as '%s', a XEP other than '%s'."
            .formatted(Xep.label(number), existing.getTitle(), header.title()));
      }
      return new Outcome(number, null);
    }
    String text = Utf8Text.decode(document);
    XepStatus status = status(header.status());
    XepType type = XepType.fromLabel(header.type());
    if (type == null) {
      throw new IllegalArgumentException("Unknown XEP type '" + header.type() + "'.");
    }
    if (header.revisions().isEmpty()) {
      throw new IllegalArgumentException("No revision history to import.");
    }
    String approver = "Board".equalsIgnoreCase(header.approver()) && type == XepType.PROCEDURAL ? "Board" : "Council";
    Xep xep = new Xep(number, shortname(header), header.title(), header.abstractText(), type, approver, steward);
    List<RevisionHistory.Entry> history = RevisionHistory.of(header.revisions());
    replay(xep, history, text);
    Instant lastUpdated = history.get(history.size() - 1).date();
    if (xep.getStatus() != status) {
      xep.changeStatus(status, IMPORTED_BY, lastUpdated, "Status as published in the XEP archive.",
          xep.currentVersion().getVersion());
    }
    Instant expires = header.expires() == null ? null : RevisionHistory.date(header.expires(), null);
    xep.expire(expires, header.interim());
    xeps.save(xep);
    lifecycle.start(runtimeService, xep, steward, Date.from(lastUpdated), issuedLastCallEnds(status, header));
    return new Outcome(number, status);
  }

  /**
   * The XEP's versions and status changes as its revision list records them, oldest first; the newest
   * entry is the document's own version.
   */
  private static void replay(Xep xep, List<RevisionHistory.Entry> history, String text) {
    Revision newestRevision = history.get(history.size() - 1).revision();
    if (!newestRevision.numbered()) {
      throw new IllegalArgumentException("The newest revision entry has no version.");
    }
    String current = newestRevision.version();
    for (int i = 0; i < history.size(); i++) {
      RevisionHistory.Entry entry = history.get(i);
      var revision = entry.revision();
      // Some old XEPs list a version twice (XEP-0155 its current 1.2, in 2008 and in 2016): the
      // newest entry stands for the document's own version, the oldest one for any other; a status
      // change that a repeated entry records still counts.
      boolean newest = i == history.size() - 1;
      boolean newVersion = newest;
      if (newest) {
        xep.publish(revision.version(), revision.initials(), revision.remark(), text, entry.date());
      } else if (revision.numbered() && !revision.version().equals(current) && xep.version(revision.version()).isEmpty()) {
        xep.recordEarlierVersion(revision.version(), revision.initials(), revision.remark(), entry.date());
        newVersion = true;
      }
      if (xep.getStatus() == XepStatus.ProtoXEP && (accepted(revision.version()) || newest || entry.status() != null)) {
        // a XEP is Experimental from its version 0.1 (the ProtoXEP's drafts, 0.0.x, come before) and before any other status
        xep.changeStatus(XepStatus.Experimental, IMPORTED_BY, entry.date(), revision.remark(), revision.version());
      }
      XepStatus to = entry.status();
      String why = revision.remark();
      if (to == null && newVersion && xep.getStatus() == XepStatus.Deferred) {
        to = XepStatus.Experimental;
        why = "An updated version was published (XEP-0001 section 6).";
      }
      if (to != null && to != xep.getStatus()) {
        xep.changeStatus(to, IMPORTED_BY, entry.date(), why, revision.version());
      }
    }
  }

  private static boolean accepted(String version) {
    return version != null && new ComparableVersion(version).compareTo(FIRST_XEP_VERSION) >= 0;
  }

  /**
   * A Proposed XEP is in the Last Call the XSF issued and announced: it runs to the end of the day its
   * header gives (the newest first). Without a date that can be read, it has ended as of the import,
   * and the Editor decides at once what follows (a proposal, an extension or a new Last Call).
   */
  private static Date issuedLastCallEnds(XepStatus status, XepHeader header) {
    if (status != XepStatus.Proposed) {
      return null;
    }
    Instant day = RevisionHistory.date(header.lastcall(), null);
    return day == null ? ClockUtil.getCurrentTime() : Date.from(day.plus(Duration.ofDays(1)).minusSeconds(1));
  }

  /** The XEP imported before, or one another numbering authority gave the same number (a ProtoXEP accepted here). */
  private static boolean sameXep(Xep existing, XepHeader header) {
    String shortname = shortname(header);
    return existing.getTitle().equals(header.title())
        || !NO_SHORTNAME.equals(shortname) && existing.getShortname().equals(shortname);
  }

  /** The XSF's archive says N/A for a XEP without one; its oldest documents leave the element out. */
  private static String shortname(XepHeader header) {
    return header.shortname() == null || header.shortname().isBlank() ? NO_SHORTNAME : header.shortname();
  }

  private static int number(XepHeader header) {
    String number = header.number() == null ? "" : header.number().trim();
    if (!number.matches("\\d{1,5}") || Integer.parseInt(number) == 0) {
      throw new IllegalArgumentException("'" + number + "' is not a XEP number (a ProtoXEP is submitted, not imported).");
    }
    return Integer.parseInt(number);
  }

  private static XepStatus status(String status) {
    String s = status == null ? "" : status.trim();
    if (s.equalsIgnoreCase("Stable")) {
      return XepStatus.Draft;
    }
    for (XepStatus candidate : XepStatus.values()) {
      if (candidate.name().equalsIgnoreCase(s) && candidate != XepStatus.ProtoXEP) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("Status '" + s + "' is not one a XEP can have.");
  }

  private static List<Path> documents(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".xml") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Read no further than the check takes: a file larger than any array ended the whole import. */
  private byte[] read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return checker.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
