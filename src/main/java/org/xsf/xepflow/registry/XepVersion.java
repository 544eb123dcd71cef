package org.xsf.xepflow.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import org.hibernate.annotations.ColumnDefault;
import org.xsf.xepflow.document.HeaderLimits;

/** One published version of a XEP (0.1, 0.2 ... 1.0 ...) with its document. */
@Entity
@Table(name = "xf_xep_version", uniqueConstraints = @UniqueConstraint(columnNames = {"xep_number", "version"}),
    indexes = @Index(name = "xf_xep_version_recent", columnList = "publishedAt, id"))
public class XepVersion {
  @Id
  @GeneratedValue
  private Long id;
  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "xep_number")
  private Xep xep;
  @Column(nullable = false, length = HeaderLimits.VERSION)
  private String version;
  @Column(nullable = false, length = HeaderLimits.INITIALS)
  private String initials;
  @Column(length = HeaderLimits.REMARK)
  private String remark;
  /** Null for versions imported from a revision history without their document. */
  @Column(length = Documents.MAX_CHARS)
  private String document;
  @Column(nullable = false)
  private Instant publishedAt;
  /** Published in tmp/ only, not official until the Council approves it (XEP-0001 section 8.1). */
  private boolean provisional;
  /**
   * A provisional change that ended without the Council's approval (the vote did not pass, or the XEP's
   * status changed first): no longer offered in tmp/, kept as a version that never became official.
   */
  @ColumnDefault("false")
  @Column(nullable = false)
  private boolean withdrawn;
  /**
   * A change to a Draft or Final XEP the Editor published at once as not material (XEP-0001 sections
   * 8.1, 10), without the Council's approval: what the Council may demand be reversed.
   */
  @ColumnDefault("false")
  @Column(nullable = false)
  private boolean editorial;

  protected XepVersion() {
  }

  XepVersion(Xep xep, String version, String initials, String remark, String document, Instant at,
      boolean provisional, boolean editorial) {
    this.xep = xep;
    this.version = version;
    // an archive's revision can lack its initials; the column keeps that as none
    this.initials = initials == null ? "" : initials;
    this.remark = remark;
    this.document = document;
    this.publishedAt = at;
    this.provisional = provisional;
    this.editorial = editorial;
  }

  /** The Council approved the change: it becomes the official version. */
  public void approve(Instant at) {
    this.provisional = false;
    this.publishedAt = at;
    xep.publishedOfficially(at);
  }

  /** The change ended without the Council's approval: out of tmp/, never official. */
  public void withdraw() {
    this.withdrawn = true;
  }

  /** Not official: in tmp/ awaiting approval, or withdrawn. */
  public boolean isProvisional() {
    return provisional;
  }

  public boolean isWithdrawn() {
    return withdrawn;
  }

  /** In tmp/, awaiting the Council's approval. */
  public boolean isPending() {
    return provisional && !withdrawn;
  }

  public boolean isEditorial() {
    return editorial;
  }

  public Xep getXep() {
    return xep;
  }

  public String getVersion() {
    return version;
  }

  public String getInitials() {
    return initials;
  }

  public String getRemark() {
    return remark;
  }

  public String getDocument() {
    return document;
  }

  public Instant getPublishedAt() {
    return publishedAt;
  }
}
