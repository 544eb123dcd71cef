package org.xsf.xepflow.registry;

/** A fragment of {@link XepVersionRepository}: the name of a XEP's current version. */
public interface CurrentVersionQuery {
  /**
   * The name of a XEP's current version, as {@link Xep#currentVersion()}, read without any version's
   * document: a change of status needs no more (loading the versions read every document the XEP ever had).
   */
  String currentVersionOf(Xep xep);
}
