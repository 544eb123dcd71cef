package org.xsf.xepflow.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.xsf.xepflow.document.Revision;
import org.xsf.xepflow.registry.XepStatus;

/**
 * The revision lists of the XSF's archive, read as a XEP's history: remarks of the archive's own, and
 * some written like them to try what must not count.
 */
class RevisionHistoryTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
      Per a vote of the Jabber Council, advanced status to Draft.                                 | Draft
      Per a vote of the Jabber Council, revision 0.23 was advanced to Draft on 2002-11-21.        | Draft
      Per a vote of the Jabber Council, advanced to a status of Active.                           | Active
      Accept as Stable as per Council Vote from 2025-01-14.                                       | Draft
      Accepted as Draft standard by the XMPP Council. Voted on 2020-01-29.                        | Draft
      Per a vote of the XMPP Council, advanced specification from Draft to Final.                 | Final
      Per a vote of the XMPP Council, changed status from Active to Deprecated to Obsolete.       | Obsolete
      Per a vote of the XMPP Council, changed status to Obsolete and referred implementors to XEP-0211. | Obsolete
      Per a vote of the XMPP Council, changed from Historical and Active to Standards Track and Draft; added notes. | Draft
      Per a vote of the XMPP Council, deprecated in favor of XEP-0202.                            | Deprecated
      At the request of the authors, the status of this document has been changed to Retracted since it has been superseded by XEP-0060. | Retracted
      At the request of the author, changed the status of this document to Deferred pending development of an implementation. | Deferred
      Deprecated by vote of the council.                                                          | Deprecated
      Deprecate after council vote of 2021-03-31                                                  | Deprecated
      Obsolete due to security vulnerability.                                                     | Obsolete
      Retracted in favor of Jingle (XEP-0166).                                                    | Retracted
      Formally retracted this proposal in favor of XMPP IM.                                       | Retracted
      Mark XEP as retracted by the author.                                                        | Retracted
      Rejected by council                                                                         | Rejected
      Defer due to lack of activity.                                                              | Deferred
      Move from Deferred to Experimental                                                          | Experimental
      Promoted to Experimental.                                                                   | Experimental
      Promote to Experimental.                                                                    | Experimental
      Restored status to Experimental.                                                            | Experimental
      Deprecating by vote of the council.                                                         | Deprecated
      Per Council vote, deprecated in favour of XEP-0402.                                         | Deprecated
      Retracted the document, since it is superseded by draft-ietf-xmpp-uri.                      | Retracted
      Addressed Last Call feedback and made editorial improvements.                               | none
      Clarified meaning of Experimental, Draft, and Final states.                                 | none
      (1) Added information about the "cooling off" period before a Standards Track specification may be advanced from Draft to Final | none
      Updated delayed delivery reference to reflect advancement of XEP-0203 to Draft and deprecation of XEP-0091. | none
      Initial version (extracted from XEP-0124 version 1.5); deprecated non-SASL authentication and authid attribute | none
      Pending further discussion: added but then removed change to allow notifications via IQ stanzas; removed but then retained deprecated attributes | none
      Change "Draft" to "Stable".                                                                 | none
      Updated references to Draft XEPs.                                                           | none
      Adopt deferred XEP.                                                                         | none
      remove obsolete mslabel and label lines.                                                    | none
      Added reference to nodeprep Internet-Draft.                                                 | none
      Fix typos. Deprecate the 'jid' attribute in favour of 'from'.                               | none
      Deferred the definition of data forms for attributes.                                       | none
      Rejected the proposal to use IQ stanzas.                                                    | none
      Obsolete references removed.                                                                | none
      Updated to reflect advancement of XEP-0203 to Draft.                                        | none
      Per a vote of the XMPP Council, changed status of XEP-0091 to Deprecated.                   | none
      """)
  void aRemarkCountsAsAStatusChangeOnlyWhenItRecordsOne(String remark, XepStatus expected) {
    var history = RevisionHistory.of(List.of(revision("1.1", "2020-02-01", remark), revision("1.0", "2020-01-01", "Initial version.")));
    assertThat(history.get(1).status()).isEqualTo(expected);
  }

  @Test
  void theOldestEntryRecordsNoChangeAndADraftBelowVersionOneIsAWorkingDraft() {
    var history = RevisionHistory.of(List.of(
        revision("0.2", "2020-02-01", "Changes in preparation for advance to Draft."),
        revision("0.1", "2020-01-01", "Changed status to Deferred.")));
    assertThat(history).extracting(RevisionHistory.Entry::status).containsExactly(null, null);
  }

  @Test
  void aMajorVersionLongerThanAnIntIsStillAVersionAfterOne() {
    assertThat(statusesAdvancedToDraftAs("12345678901234567890")).containsExactly(null, XepStatus.Draft);
    // and one written with leading zeros is the version they lead: a 0.x Draft is a working draft
    assertThat(statusesAdvancedToDraftAs("0000000000.3")).containsExactly(null, null);
  }

  /** The statuses, oldest first, of a XEP whose newest entry, this version, records the vote for Draft. */
  private static List<XepStatus> statusesAdvancedToDraftAs(String version) {
    return RevisionHistory.of(List.of(
        revision(version, "2020-02-01", "Per a vote of the Jabber Council, advanced status to Draft."),
        revision("0.1", "2020-01-01", "Initial version."))).stream().map(RevisionHistory.Entry::status).toList();
  }

  @Test
  void aDateLaterThanThatOfTheEntryAboveItTakesThatEntrysDate() {
    // as XEP-0184 dates 1.3.0 after 1.4.0, its newest; an entry without a date is as old as the one below it
    var history = RevisionHistory.of(List.of(revision("1.4.0", "2018-08-02", "Make the 'id' attribute required."),
        revision("1.3.0", "2019-05-15", "Suggest a message type to use for replies."),
        revision("1.2.1", "", "Fixed a typo."),
        revision("1.2", "2011-03-01", "Clarified terminology.")));
    assertThat(history).extracting(RevisionHistory.Entry::date).containsExactly(Instant.parse("2011-03-01T00:00:00Z"),
        Instant.parse("2011-03-01T00:00:00Z"), Instant.parse("2018-08-02T00:00:00Z"), Instant.parse("2018-08-02T00:00:00Z"));
  }

  private static Revision revision(String version, String date, String remark) {
    return new Revision(version, date, "psa", remark);
  }
}
