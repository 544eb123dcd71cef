package org.xsf.xepflow.engine;

import org.xsf.xepflow.document.HeaderLimits;

/**
 * Input a step refuses, such as an objection without reasons. The step's transaction rolls back,
 * so nothing is stored; the REST APIs answer 400 with the message.
 */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }

  /** Refuses a text longer than the column of {@code max} characters that keeps it. */
  public static void atMost(String what, String text, int max) {
    String tooLong = HeaderLimits.tooLong(what, text, max);
    if (tooLong != null) {
      throw new InvalidInputException(tooLong);
    }
  }
}
