package org.xsf.xepflow.api;

import java.time.Instant;
import java.util.List;
import org.xsf.xepflow.registry.CouncilResponse;
import org.xsf.xepflow.registry.Implementation;
import org.xsf.xepflow.registry.NamespaceRegistration;
import org.xsf.xepflow.registry.StatusChange;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepListing;
import org.xsf.xepflow.registry.XepVersion;
import org.xsf.xepflow.vote.Ballot;
import org.xsf.xepflow.vote.Vote;

/** The JSON the XEP API returns. */
final class XepViews {
  private XepViews() {
  }

  record Summary(int number, String label, String title, String type, String status, String version,
      Instant lastUpdated, String url) {
    static Summary of(Xep xep, String url) {
      return new Summary(xep.getNumber(), xep.label(), xep.getTitle(), xep.getType().label(), xep.getStatus().name(),
          xep.currentVersion().getVersion(), xep.getLastUpdated(), url);
    }

    static Summary of(XepListing xep, String url) {
      return new Summary(xep.number(), xep.label(), xep.title(), xep.type().label(), xep.status().name(),
          xep.version(), xep.lastUpdated(), url);
    }
  }

  record Details(Summary summary, String abstractText, String approver, String author, Instant expires,
      String supersededBy, List<VersionView> versions, List<StatusView> statusHistory, List<VoteView> votes,
      List<CouncilResponseView> councilResponses, List<ImplementationView> implementations,
      List<NamespaceRegistrationView> namespaceRegistrations, List<Step> openSteps, List<Awaited> awaiting) {
  }

  /** A Council member's response to the ProtoXEP (XEP-0001 §5), or the Council meeting's. */
  record CouncilResponseView(String respondent, boolean objection, String reasons, Instant respondedAt) {
    static CouncilResponseView of(CouncilResponse r) {
      return new CouncilResponseView(r.getRespondent(), r.isObjection(), r.getReasons(), r.getRespondedAt());
    }
  }

  record ImplementationView(String name, String licence, boolean freeOrOpenSource) {
    static ImplementationView of(Implementation i) {
      return new ImplementationView(i.getName(), i.getLicence(), i.isFreeOrOpenSource());
    }
  }

  /** The protocol namespaces whose registration with the XMPP Registrar the Editor initiated (XEP-0001 §14). */
  record NamespaceRegistrationView(String version, String status, List<String> namespaces, String registeredBy,
      Instant registeredAt) {
    static NamespaceRegistrationView of(NamespaceRegistration r) {
      return new NamespaceRegistrationView(r.getVersion(), r.getStatus().name(), r.getNamespaces(), r.getRegisteredBy(),
          r.getRegisteredAt());
    }
  }

  /** {@code provisional} while in tmp/ awaiting approval, {@code withdrawn} once it ended without it. */
  record VersionView(String version, Instant publishedAt, String initials, String remark, boolean provisional,
      boolean withdrawn, boolean editorial) {
    static VersionView of(XepVersion v) {
      return new VersionView(v.getVersion(), v.getPublishedAt(), v.getInitials(), v.getRemark(), v.isPending(),
          v.isWithdrawn(), v.isEditorial());
    }
  }

  record StatusView(String from, String to, String by, Instant at, String reason, String version) {
    static StatusView of(StatusChange c) {
      return new StatusView(c.getFromStatus() == null ? null : c.getFromStatus().name(), c.getToStatus().name(),
          c.getChangedBy(), c.getChangedAt(), c.getReason(), c.getVersion());
    }
  }

  record BallotView(String member, int value, String reasons, Instant castAt) {
    static BallotView of(Ballot b) {
      return new BallotView(b.getMember(), b.getValue(), b.getReasons(), b.getCastAt());
    }
  }

  record VoteView(long id, String body, String version, String question, Instant openedAt, Instant closedAt,
      String outcome, List<BallotView> ballots) {
    static VoteView of(Vote v, List<Ballot> ballots) {
      return new VoteView(v.getId(), v.getApprovingBody(), v.getVersion(), v.getQuestion(), v.getOpenedAt(),
          v.getClosedAt(), v.getOutcome(), ballots.stream().map(BallotView::of).toList());
    }
  }

  /**
   * A message event the XEP's processes wait at: one a Tasklist start form sends instead of a task
   * (an author's new version, a decision the Editor records), or one xepflow sends itself.
   */
  record Awaited(String event, String name, String message, Instant since) {
  }

  /** A task open on the XEP: what is to be done and by whom. */
  record Step(String task, String name, String assignee, List<String> candidateGroups, Instant since) {
  }
}
