package org.xsf.xepflow.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.xsf.xepflow.document.HeaderLimits;

/**
 * The protocol namespaces of a XEP whose registration with the XMPP Registrar the Editor initiated
 * when it advanced to Draft or Active (XEP-0001 section 14): which, by whom, when.
 */
@Entity
@Table(name = "xf_namespace_registration", indexes = @Index(name = "xf_namespace_registration_xep", columnList = "xepNumber"))
public class NamespaceRegistration {
  /** The namespaces, one a line. */
  public static final int NAMESPACES = 4000;
  @Id
  @GeneratedValue
  private Long id;
  @Column(nullable = false)
  private Integer xepNumber;
  /** The version the XEP advanced with, whose document names them. */
  @Column(nullable = false, length = HeaderLimits.VERSION)
  private String version;
  /** Draft or Active. */
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 30)
  private XepStatus status;
  @Column(length = NAMESPACES)
  private String namespaces;
  @Column(nullable = false, length = 100)
  private String registeredBy;
  @Column(nullable = false)
  private Instant registeredAt;

  protected NamespaceRegistration() {
  }

  public NamespaceRegistration(int xepNumber, String version, XepStatus status, List<String> namespaces,
      String registeredBy, Instant at) {
    this.xepNumber = xepNumber;
    this.version = version;
    this.status = status;
    this.namespaces = namespaces.isEmpty() ? null : String.join("\n", namespaces);
    this.registeredBy = registeredBy;
    this.registeredAt = at;
  }

  public String getVersion() {
    return version;
  }

  public XepStatus getStatus() {
    return status;
  }

  public List<String> getNamespaces() {
    return namespaces(namespaces);
  }

  /** The namespaces of their column, one a line (null: none). */
  static List<String> namespaces(String lines) {
    return lines == null ? List.of() : List.of(lines.split("\n"));
  }

  public String getRegisteredBy() {
    return registeredBy;
  }

  public Instant getRegisteredAt() {
    return registeredAt;
  }
}
