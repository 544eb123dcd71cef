package org.xsf.xepflow.identity;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/** The people in a process: group members, and mail addresses for mail tasks ({@code ${people.address(author)}}). */
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

  /**
   * The person's address, if Admin has one for them. A mail to them alone takes it as it is
   * ({@code ${people.address(author)}}): without one, it is not sent (QueueAnnouncement).
   */
  public Optional<String> address(String userId) {
    // Whoever completed the previous step need not be allowed to read other users.
    User user = Context.getCommandContext().runWithoutAuthorization(
        () -> identityService.createUserQuery().userId(userId).singleResult());
    return user == null || user.getEmail() == null || user.getEmail().isBlank()
        ? Optional.empty() : Optional.of(user.getEmail());
  }

  /**
   * {@link #address}, by the name the author's deferral reminder of lifecycles started before the
   * forty-third session calls it: they keep their diagram for years, and it threw without an address.
   */
  public Optional<String> email(String userId) {
    return address(userId);
  }
}
