package org.xsf.xepflow.registry;

/** Size of a stored XEP document: the upload limit of the document check, in characters. */
final class Documents {
  static final int MAX_CHARS = 4 * 1024 * 1024;

  private Documents() {
  }
}
