package org.xsf.xepflow.identity;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/** The people in a process: group members, and mail addresses for mail tasks ({@code ${people.email(author)}}). */
@Component("people")
public class People {
  private final IdentityService identityService;

  public People(IdentityService identityService) {
    this.identityService = identityService;
  }

  /**
   * The members of a group at this moment, e.g. the Council when a vote opens. Whoever triggered
   * the step need not be allowed to list users.
   */
  public List<String> membersOf(String group) {
    List<String> members = Context.getCommandContext().runWithoutAuthorization(() ->
        identityService.createUserQuery().memberOfGroup(group).orderByUserId().asc().list().stream()
            .map(User::getId).toList());
    if (members.isEmpty()) {
      throw new IllegalStateException("The group '" + group + "' has no members.");
    }
    return members;
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
