package org.xsf.xepflow.document;

/** The input cannot be taken as a XEP document at all; the message says why, for the submitter. */
public class DocumentRejectedException extends RuntimeException {
  public DocumentRejectedException(String message) {
    super(message);
  }

  public DocumentRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
