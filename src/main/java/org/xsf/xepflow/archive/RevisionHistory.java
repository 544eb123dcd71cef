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
 * status changes its remarks record ("Per a vote of the XMPP Council, advanced status to Draft",
 * "Defer due to lack of activity", "Retracted in favor of ..."), with dates that never go back.
 */
final class RevisionHistory {
  private static final String STATUS_WORD =
      "(draft|stable|final|active|deferred|deprecated?|obsolete|retracted|rejected|experimental)";
  // The status word closes its phrase: "to Draft.", "to Obsolete per ...", "as Stable as per ...", not
  // "to Draft XEPs" or "from Draft to Final" (the last counts).
  private static final String PHRASE_END = "(?=\\s*(?:$|[.;,:()!]|(?:per|on|since|by|after|following|at|due|because"
      + "|as|in|pending|with|status|state|standard|and)\\b))";
  /**
   * "Changed status to Obsolete", "the status of this document has been changed to Retracted", "advanced
   * specification from Draft to Final", "Accept as Stable", "advanced to a status of Draft": a verb of
   * change a few words before the new status, and not "may be advanced from Draft to Final".
   */
  private static final Pattern CHANGED_TO = Pattern.compile("(?<!\\bbe\\s)\\b(?:changed|change|changing|updated|update"
      + "|advanced|advance|moved|move|promoted|promote|promoting|accepted|accept|set|published|voted|marked|mark|restored)"
      // a few words between, none naming another XEP ("changed status of XEP-0091 to Deprecated")
      + "(?:\\s+(?!xep-\\d)\\S+){0,5}?"
      + "\\s+(?:to|as)\\s+(?:a\\s+status\\s+of\\s+)?(?:standards\\s+track\\s+and\\s+)?" + STATUS_WORD + PHRASE_END);
  /**
   * "Deprecated by vote of the council", "Retracted the document, since ...", "Defer due to lack of
   * activity": a remark or sentence that opens with the status, not with a verb and its object
   * ("Deprecate the 'jid' attribute", "Obsolete references removed").
   */
  private static final Pattern OPENS_WITH = Pattern.compile("(?:^|\\.\\s+|\\b(?:council|vote),\\s+)(?:formally\\s+)?"
      + "(?:(defer(?:red)?|deprecat(?:e|ed|ing)|obsoleted?|retract(?:ed)?|rejected)" + PHRASE_END
      + "|(retract(?:ed)?)\\s+(?:the|this)\\s+(?:document|proposal|specification)\\b)");
  private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");

  record Entry(Revision revision, Instant date, XepStatus status) {
  }

  private RevisionHistory() {
  }

  /** Oldest first; {@code status} is the status the remark says the XEP moved to, or null. */
  static List<Entry> of(List<Revision> newestFirst) {
    int count = newestFirst.size();
    Instant[] dates = new Instant[count];
    Instant newer = null;
    for (int i = 0; i < count; i++) {
      // A date later than that of the entry above it is a slip of the archive (XEP-0184 dates 1.3.0
      // on 2019-05-15, below 1.4.0 on 2018-08-02): the list's order stands, and the newest entry, the
      // document's own version, keeps its date.
      Instant date = date(newestFirst.get(i).date(), null);
      if (date != null) {
        dates[i] = newer != null && date.isAfter(newer) ? newer : date;
        newer = dates[i];
      }
    }
    List<Entry> entries = new ArrayList<>();
    Instant older = Instant.EPOCH;
    for (int i = count - 1; i >= 0; i--) {
      Revision revision = newestFirst.get(i);
      // an entry without a date is as old as the one below it
      Instant date = dates[i] == null ? older : dates[i];
      older = date;
      XepStatus status = i == count - 1 ? null : status(revision.remark());
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
    Matcher m = Pattern.compile("^\\s*0*(\\d+)").matcher(version == null ? "" : version);
    // more digits than an int holds are a major version all the same
    return !m.find() ? 0 : m.group(1).length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(m.group(1));
  }

  /**
   * The status a remark says the XEP moved to, or null. Remarks name statuses in passing too ("Addressed
   * Last Call feedback", "Clarified meaning of Experimental, Draft, and Final states", "removed deprecated
   * elements"), so only a phrase that records a change counts; of several, the last.
   */
  private static XepStatus status(String remark) {
    String text = remark == null ? "" : remark.toLowerCase(Locale.ROOT);
    String word = null;
    int at = -1;
    for (Pattern pattern : new Pattern[] {CHANGED_TO, OPENS_WITH}) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        int group = m.group(1) != null ? 1 : 2;
        if (m.start(group) > at) {
          at = m.start(group);
          word = m.group(group);
        }
      }
    }
    if (word == null) {
      return null;
    }
    return switch (word) {
      case "stable", "draft" -> XepStatus.Draft;
      case "defer", "deferred" -> XepStatus.Deferred;
      case "deprecate", "deprecated", "deprecating" -> XepStatus.Deprecated;
      case "obsolete", "obsoleted" -> XepStatus.Obsolete;
      case "retract", "retracted" -> XepStatus.Retracted;
      default -> XepStatus.valueOf(Character.toUpperCase(word.charAt(0)) + word.substring(1));
    };
  }
}
