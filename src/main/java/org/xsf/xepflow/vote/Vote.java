package org.xsf.xepflow.vote;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A vote of the approving body on one revision of a XEP (XEP-0001 section 8). */
@Entity
@Table(name = "xf_vote", indexes = @Index(name = "xf_vote_xep", columnList = "xepNumber"))
public class Vote {
  @Id
  @GeneratedValue
  private Long id;
  @Column(nullable = false)
  private Integer xepNumber;
  @Column(nullable = false, length = 20)
  private String version;
  @Column(nullable = false, length = 20)
  private String approvingBody;
  @Column(nullable = false, length = 200)
  private String question;
  /** The members of the approving body when the vote opened, comma-separated. */
  @Column(nullable = false, length = 2000)
  private String voters;
  @Column(nullable = false)
  private Instant openedAt;
  private Instant closedAt;
  @Column(length = 20)
  private String outcome;

  protected Vote() {
  }

  public Vote(int xepNumber, String version, String approvingBody, String question, List<String> voters,
      Instant at) {
    this.xepNumber = xepNumber;
    this.version = version;
    this.approvingBody = approvingBody;
    this.question = question;
    this.voters = String.join(",", voters);
    this.openedAt = at;
  }

  public void close(String outcome, Instant at) {
    this.outcome = outcome;
    this.closedAt = at;
  }

  public Long getId() {
    return id;
  }

  public Integer getXepNumber() {
    return xepNumber;
  }

  public String getVersion() {
    return version;
  }

  public String getApprovingBody() {
    return approvingBody;
  }

  public List<String> voters() {
    return Arrays.asList(voters.split(","));
  }

  public String getQuestion() {
    return question;
  }

  public Instant getOpenedAt() {
    return openedAt;
  }

  public String getOutcome() {
    return outcome;
  }

  public Instant getClosedAt() {
    return closedAt;
  }
}
