package org.xsf.xepflow.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.xsf.xepflow.document.HeaderLimits;

/** A proposal before it is accepted as a XEP (XEP-0001 section 4), with its current document. */
@Entity
@Table(name = "xf_protoxep", indexes = @Index(name = "xf_protoxep_xep_number", columnList = "xepNumber"))
public class ProtoXep {
  public enum State { IN_REVIEW, PUBLISHED_IN_INBOX, WITHDRAWN, ACCEPTED }

  @Id
  @GeneratedValue
  private Long id;
  @Version
  private int revision;
  @Column(nullable = false, unique = true, length = 100)
  private String inboxName;
  @Column(nullable = false, length = HeaderLimits.TITLE)
  private String title;
  @Column(length = HeaderLimits.ABSTRACT)
  private String abstractText;
  @Column(nullable = false, length = HeaderLimits.TYPE)
  private String type;
  @Column(nullable = false, length = HeaderLimits.APPROVER)
  private String approver;
  @Column(nullable = false, length = 100)
  private String submittedBy;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 30)
  private State state;
  @Column(nullable = false, length = Documents.MAX_CHARS)
  private String document;
  @Column(nullable = false)
  private Instant submittedAt;
  @Column(nullable = false)
  private Instant updatedAt;
  private Integer xepNumber;

  protected ProtoXep() {
  }

  public ProtoXep(String inboxName, String submittedBy, Instant at) {
    this.inboxName = inboxName;
    this.submittedBy = submittedBy;
    this.submittedAt = at;
    this.state = State.IN_REVIEW;
  }

  /** A new or revised document: back into format review. */
  public void revise(String title, String abstractText, String type, String approver, String document,
      Instant at) {
    this.title = title;
    this.abstractText = abstractText;
    this.type = type;
    this.approver = approver;
    this.document = document;
    this.updatedAt = at;
    this.state = State.IN_REVIEW;
  }

  public Long getId() {
    return id;
  }

  public String getInboxName() {
    return inboxName;
  }

  public String getTitle() {
    return title;
  }

  public String getAbstractText() {
    return abstractText;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getApprover() {
    return approver;
  }

  public String getSubmittedBy() {
    return submittedBy;
  }

  public State getState() {
    return state;
  }

  public void setState(State state) {
    this.state = state;
  }

  public String getDocument() {
    return document;
  }

  public Instant getSubmittedAt() {
    return submittedAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Integer getXepNumber() {
    return xepNumber;
  }

  public void accepted(int number) {
    this.xepNumber = number;
    this.state = State.ACCEPTED;
  }
}
