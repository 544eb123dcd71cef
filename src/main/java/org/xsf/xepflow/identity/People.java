package org.xsf.xepflow.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/** Mail addresses of the people in a process, for mail tasks: {@code ${people.email(author)}}. */
@Component("people")
public class People {
  private final IdentityService identityService;

  public People(IdentityService identityService) {
    this.identityService = identityService;
  }

  public String email(String userId) {
    // Whoever completed the previous step need not be allowed to read other users.
    User user = Context.getCommandContext().runWithoutAuthorization(
        () -> identityService.createUserQuery().userId(userId).singleResult());
    if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
      throw new IllegalStateException("No mail address for user '" + userId + "'.");
    }
    return user.getEmail();
  }
}
