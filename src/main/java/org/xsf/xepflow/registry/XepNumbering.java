package org.xsf.xepflow.registry;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one row acceptances lock, one after the other, to number a XEP (see {@link XepNumbers}). */
@Entity
@Table(name = "xf_xep_numbering")
class XepNumbering {
  static final int ROW = 1;

  @Id
  private Integer id;

  protected XepNumbering() {
  }

  XepNumbering(int id) {
    this.id = id;
  }
}
