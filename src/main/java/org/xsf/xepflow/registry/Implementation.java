package org.xsf.xepflow.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** An implementation of a Draft XEP presented during a Call for Experience (XEP-0001 section 8.1). */
@Entity
@Table(name = "xf_implementation", indexes = @Index(name = "xf_implementation_xep", columnList = "xepNumber"))
public class Implementation {
  public static final int NAME = 200;
  public static final int LICENCE = 100;
  @Id
  @GeneratedValue
  private Long id;
  @Column(nullable = false)
  private Integer xepNumber;
  @Column(nullable = false, length = NAME)
  private String name;
  @Column(nullable = false, length = LICENCE)
  private String licence;
  /** Free software (GPL, LGPL) or open source (OSI definition). */
  @Column(nullable = false)
  private boolean freeOrOpenSource;
  @Column(nullable = false, length = 100)
  private String recordedBy;
  @Column(nullable = false)
  private Instant recordedAt;

  protected Implementation() {
  }

  public Implementation(int xepNumber, String name, String licence, boolean freeOrOpenSource,
      String recordedBy, Instant at) {
    this.xepNumber = xepNumber;
    this.name = name;
    this.licence = licence;
    this.freeOrOpenSource = freeOrOpenSource;
    this.recordedBy = recordedBy;
    this.recordedAt = at;
  }

  public String getName() {
    return name;
  }

  public String getLicence() {
    return licence;
  }

  public boolean isFreeOrOpenSource() {
    return freeOrOpenSource;
  }
}
