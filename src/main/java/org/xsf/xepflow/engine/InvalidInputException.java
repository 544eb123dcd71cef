package org.xsf.xepflow.engine;

/**
 * Input a step refuses, such as an objection without reasons. The step's transaction rolls back,
 * so nothing is stored; the REST APIs answer 400 with the message.
 */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }
}
