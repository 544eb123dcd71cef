package org.xsf.xepflow.identity;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is acting in the current engine command, for the record. */
public final class Actor {
  /** Recorded when no person acts: a timer fired, or the job executor ran a step. */
  public static final String ENGINE = "xepflow";

  private Actor() {
  }

  public static String current() {
    Authentication authentication = Context.getCommandContext().getAuthentication();
    return authentication == null || authentication.getUserId() == null ? ENGINE
        : authentication.getUserId();
  }
}
