package org.xsf.xepflow.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xsf.xepflow.document.Revision;
import org.xsf.xepflow.registry.XepStatus;

/**
 * Reads a XEP's history from its revision list, oldest first: the date of each version and the
 * status changes its remarks record ("Advanced to Draft per a vote of the XMPP Council",
 * "Deferred due to lack of activity", "Last Call" ...), with dates that never go back.
 */
final class RevisionHistory {
  private static final Pattern STATUS = Pattern.compile(
      "\\b(draft|stable|final|active|deferred|deprecated|obsolete|retracted|rejected|last call)\\b");
  private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");

  record Entry(Revision revision, Instant date, XepStatus status) {
  }

  private RevisionHistory() {
  }

  /** Oldest first; {@code status} is the status the remark says the XEP moved to, or null. */
  static List<Entry> of(List<Revision> newestFirst) {
    List<Entry> entries = new ArrayList<>();
    Instant previous = Instant.EPOCH;
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      Revision revision = newestFirst.get(i);
      // A date earlier than the entry's before it is a slip of the archive (XEP-0184 lists 1.4.0 on
      // 2018-08-02 after 1.3.0 on 2019-05-15): the list's order stands, so the newest entry stays
      // the current version, the one whose document is kept.
      Instant parsed = date(revision.date(), previous);
      Instant date = parsed.isBefore(previous) ? previous : parsed;
      previous = date;
      XepStatus status = i == newestFirst.size() - 1 ? null : status(revision.remark());
      // "First draft" of a 0.x version is a working draft, not the Draft status of a 1.0.
      if (status == XepStatus.Draft && major(revision.version()) < 1) {
        status = null;
      }
      entries.add(new Entry(revision, date, status));
    }
    return entries;
  }

  static Instant date(String text, Instant fallback) {
    Matcher m = text == null ? null : DATE.matcher(text);
    if (m == null || !m.find()) {
      return fallback;
    }
    try {
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
          .atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (java.time.DateTimeException e) {
      return fallback;
    }
  }

  private static int major(String version) {
    Matcher m = Pattern.compile("^\\s*(\\d+)").matcher(version == null ? "" : version);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static XepStatus status(String remark) {
    Matcher m = STATUS.matcher(remark == null ? "" : remark.toLowerCase(Locale.ROOT));
    if (!m.find()) {
      return null;
    }
    return switch (m.group(1)) {
      case "stable", "draft" -> XepStatus.Draft;
      case "last call" -> XepStatus.Proposed;
      default -> XepStatus.valueOf(Character.toUpperCase(m.group(1).charAt(0)) + m.group(1).substring(1));
    };
  }
}
