package org.xsf.xepflow.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What one Council member (or the Council meeting) said about publishing a ProtoXEP: an objection
 * with its reasons, or none. Kept for the record even after the window closes.
 */
@Entity
@Table(name = "xf_council_response", indexes = @Index(name = "xf_council_response_protoxep", columnList = "protoXepId"))
public class CouncilResponse {
  public static final int REASONS = 4000;
  @Id
  @GeneratedValue
  private Long id;
  @Column(nullable = false)
  private Long protoXepId;
  @Column(nullable = false, length = 100)
  private String respondent;
  @Column(nullable = false)
  private boolean objection;
  @Column(length = REASONS)
  private String reasons;
  @Column(nullable = false)
  private Instant respondedAt;

  protected CouncilResponse() {
  }

  public CouncilResponse(Long protoXepId, String respondent, boolean objection, String reasons,
      Instant at) {
    this.protoXepId = protoXepId;
    this.respondent = respondent;
    this.objection = objection;
    this.reasons = reasons;
    this.respondedAt = at;
  }

  public String getRespondent() {
    return respondent;
  }

  public boolean isObjection() {
    return objection;
  }

  public String getReasons() {
    return reasons;
  }

  public Instant getRespondedAt() {
    return respondedAt;
  }
}
