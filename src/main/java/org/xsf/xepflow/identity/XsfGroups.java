package org.xsf.xepflow.identity;

/** Camunda groups of the people XEP-0001 names. */
public final class XsfGroups {
  public static final String EDITOR = "editor";
  public static final String COUNCIL = "council";
  public static final String BOARD = "board";
  public static final String AUTHORS = "authors";

  private XsfGroups() {
  }
}
