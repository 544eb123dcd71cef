package org.xsf.xepflow.registry;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.xsf.xepflow.document.HeaderLimits;

/** The tracking record of one XEP in the XEPs database (XEP-0001 section 5). */
@Entity
@Table(name = "xf_xep", indexes = @Index(name = "xf_xep_status", columnList = "status, number"))
public class Xep {
  @Id
  private Integer number;
  @Version
  private int revision;
  @Column(nullable = false, length = HeaderLimits.SHORTNAME)
  private String shortname;
  @Column(nullable = false, length = HeaderLimits.TITLE)
  private String title;
  @Column(length = HeaderLimits.ABSTRACT)
  private String abstractText;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 30)
  private XepType type;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private XepStatus status;
  @Column(nullable = false, length = 20)
  private String approver;
  @Column(nullable = false, length = 100)
  private String author;
  @Column(nullable = false)
  private Instant lastUpdated;
  /** When it became Draft: a Call for Experience waits six months from here. */
  private Instant draftSince;
  /** Expiration date (XEP-0001 section 11): interim XEPs, or Deprecated -> Obsolete. */
  private Instant expires;
  private boolean interim;
  @Column(length = 200)
  private String supersededBy;
  @OneToMany(mappedBy = "xep", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("publishedAt, id")
  private List<XepVersion> versions = new ArrayList<>();
  @OneToMany(mappedBy = "xep", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("changedAt, id")
  private List<StatusChange> statusHistory = new ArrayList<>();

  protected Xep() {
  }

  public Xep(int number, String shortname, String title, String abstractText, XepType type,
      String approver, String author) {
    this.number = number;
    this.shortname = shortname;
    this.title = title;
    this.abstractText = abstractText;
    this.type = type;
    this.approver = approver;
    this.author = author;
    this.status = XepStatus.ProtoXEP;
  }

  /** Moves the XEP to a new status and records who, when, why and on which revision. */
  public void changeStatus(XepStatus to, String who, Instant when, String why, String version) {
    statusHistory.add(new StatusChange(this, status, to, who, when, why, version));
    if (to == XepStatus.Draft && status != XepStatus.Draft) {
      draftSince = when;
    }
    this.status = to;
  }

  /** The Council converts a Historical XEP to the standards track (XEP-0001 section 8.2). */
  public void convertToStandardsTrack() {
    this.type = XepType.STANDARDS_TRACK;
  }

  public void publish(String version, String initials, String remark, String document, Instant at) {
    publish(version, initials, remark, document, at, false);
  }

  /** With {@code editorial}, a change to a Draft or Final XEP published at once as not material. */
  public void publish(String version, String initials, String remark, String document, Instant at, boolean editorial) {
    versions.add(new XepVersion(this, version, initials, remark, document, at, false, editorial));
    this.lastUpdated = at;
  }

  /** An earlier version known from a document's revision history (import of the XSF's archive). */
  public void recordEarlierVersion(String version, String initials, String remark, Instant at) {
    versions.add(new XepVersion(this, version, initials, remark, null, at, false, false));
  }

  /** A material change to a Draft XEP, published in tmp/ until the Council approves it. */
  public XepVersion publishProvisionally(String version, String initials, String remark,
      String document, Instant at) {
    XepVersion provisional = new XepVersion(this, version, initials, remark, document, at, true, false);
    versions.add(provisional);
    return provisional;
  }

  void publishedOfficially(Instant at) {
    this.lastUpdated = at;
  }

  /** The newest official version (provisional ones in tmp/ do not count). */
  public XepVersion currentVersion() {
    return versions.stream().filter(v -> !v.isProvisional()).reduce((a, b) -> b).orElseThrow();
  }

  public java.util.Optional<XepVersion> version(String version) {
    return versions.stream().filter(v -> v.getVersion().equals(version)).findFirst();
  }

  /** XEP numbers are written with (at least) four digits: XEP-0421. */
  public String label() {
    return label(number);
  }

  public static String label(int number) {
    return "XEP-%04d".formatted(number);
  }

  public Integer getNumber() {
    return number;
  }

  public String getShortname() {
    return shortname;
  }

  public String getTitle() {
    return title;
  }

  public String getAbstractText() {
    return abstractText;
  }

  public XepType getType() {
    return type;
  }

  public XepStatus getStatus() {
    return status;
  }

  public String getApprover() {
    return approver;
  }

  public String getAuthor() {
    return author;
  }

  /** Hibernate's count of the entry's changes, one more at each commit that changed it: the order of its publications. */
  public int getRevision() {
    return revision;
  }

  public Instant getLastUpdated() {
    return lastUpdated;
  }

  public Instant getDraftSince() {
    return draftSince;
  }

  public Instant getExpires() {
    return expires;
  }

  public boolean isInterim() {
    return interim;
  }

  public void expire(Instant expires, boolean interim) {
    this.expires = expires;
    this.interim = interim;
  }

  public String getSupersededBy() {
    return supersededBy;
  }

  public void setSupersededBy(String supersededBy) {
    this.supersededBy = supersededBy;
  }

  public List<XepVersion> getVersions() {
    return versions;
  }

  public List<StatusChange> getStatusHistory() {
    return statusHistory;
  }
}
