package org.xsf.xepflow.vote;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One vote as cast by one member. Never updated: a member who changes the vote casts a new ballot,
 * and the latest counts, so every vote ever cast stays on record.
 */
@Entity
@Table(name = "xf_ballot", indexes = @Index(name = "xf_ballot_vote", columnList = "voteId"))
public class Ballot {
  public static final int REASONS = 4000;
  @Id
  @GeneratedValue
  private Long id;
  @Column(nullable = false)
  private Long voteId;
  @Column(nullable = false, length = 100)
  private String member;
  /** +1, 0 or -1. */
  @Column(name = "ballot_value", nullable = false)
  private int value;
  @Column(length = REASONS)
  private String reasons;
  @Column(nullable = false)
  private Instant castAt;

  protected Ballot() {
  }

  public Ballot(Long voteId, String member, int value, String reasons, Instant at) {
    this.voteId = voteId;
    this.member = member;
    this.value = value;
    this.reasons = reasons;
    this.castAt = at;
  }

  /** A ballot's value as the vote form and the vote's summary write it: "+1", "0" or "-1". */
  static String written(int value) {
    return value == 1 ? "+1" : String.valueOf(value);
  }

  public Long getVoteId() {
    return voteId;
  }

  public Long getId() {
    return id;
  }

  public String getMember() {
    return member;
  }

  public int getValue() {
    return value;
  }

  public String getReasons() {
    return reasons;
  }

  public Instant getCastAt() {
    return castAt;
  }
}
