package org.xsf.xepflow.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.xsf.xepflow.document.HeaderLimits;

/** One entry of a XEP's status history: who changed it, when, why and on which revision. */
@Entity
@Table(name = "xf_status_change", indexes = {@Index(name = "xf_status_change_xep", columnList = "xep_number"),
    @Index(name = "xf_status_change_recent", columnList = "changedAt, id")})
public class StatusChange {
  /** A revision's remark can be the reason, so it is as long as a remark may be. */
  public static final int REASON = HeaderLimits.REMARK;
  @Id
  @GeneratedValue
  private Long id;
  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "xep_number")
  private Xep xep;
  @Enumerated(EnumType.STRING)
  @Column(length = 20)
  private XepStatus fromStatus;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private XepStatus toStatus;
  @Column(nullable = false, length = 100)
  private String changedBy;
  @Column(nullable = false)
  private Instant changedAt;
  @Column(length = REASON)
  private String reason;
  @Column(length = HeaderLimits.VERSION)
  private String version;

  protected StatusChange() {
  }

  StatusChange(Xep xep, XepStatus from, XepStatus to, String who, Instant when, String why,
      String version) {
    this.xep = xep;
    this.fromStatus = from;
    this.toStatus = to;
    this.changedBy = who;
    this.changedAt = when;
    this.reason = why;
    this.version = version;
  }

  public XepStatus getFromStatus() {
    return fromStatus;
  }

  public XepStatus getToStatus() {
    return toStatus;
  }

  public String getChangedBy() {
    return changedBy;
  }

  public Instant getChangedAt() {
    return changedAt;
  }

  public String getReason() {
    return reason;
  }

  public Xep getXep() {
    return xep;
  }

  public String getVersion() {
    return version;
  }
}
