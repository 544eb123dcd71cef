package org.xsf.xepflow.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.startup.OnceTheEngineIsBuilt;

/**
 * The XSF's groups (the Editor, the Council, the Board, the authors) with the authorizations Tasklist
 * needs and its two filters, on every start; and with {@code xepflow.demo.enabled} the demo people:
 * the Editor, five Council members, the Board and two authors. An operator then only adds people to
 * the groups (Admin): with the demo off, there were neither groups nor authorizations, and an author
 * added by hand was refused their ProtoXEP. Safe to run on every start; it runs as soon as the engine
 * is built.
 */
@Component
@Order(1)
public class XsfIdentity extends OnceTheEngineIsBuilt {
  private static final Map<String, String> GROUPS = Map.of(
      XsfGroups.EDITOR, "XMPP Extensions Editor",
      XsfGroups.COUNCIL, "XMPP Council",
      XsfGroups.BOARD, "XSF Board of Directors",
      XsfGroups.AUTHORS, "XEP authors");

  private record DemoUser(String id, String first, String last, String group) {
  }

  private static final List<DemoUser> USERS = List.of(
      new DemoUser("editor", "Erin", "Editor", XsfGroups.EDITOR),
      new DemoUser("council1", "Carla", "Councilmember", XsfGroups.COUNCIL),
      new DemoUser("council2", "Cyril", "Councilmember", XsfGroups.COUNCIL),
      new DemoUser("council3", "Chen", "Councilmember", XsfGroups.COUNCIL),
      new DemoUser("council4", "Clara", "Councilmember", XsfGroups.COUNCIL),
      new DemoUser("council5", "Colm", "Councilmember", XsfGroups.COUNCIL),
      new DemoUser("board1", "Beatriz", "Boardmember", XsfGroups.BOARD),
      new DemoUser("board2", "Bjorn", "Boardmember", XsfGroups.BOARD),
      new DemoUser("board3", "Bruno", "Boardmember", XsfGroups.BOARD),
      new DemoUser("author1", "Alice", "Author", XsfGroups.AUTHORS),
      new DemoUser("author2", "Arun", "Author", XsfGroups.AUTHORS));

  /**
   * What the Editor records from Tasklist's start forms: the end of a term, decisions on a XEP, and
   * new versions of the XEPs the Editor stewards (imported ones).
   */
  private static final List<String> EDITOR_STARTS = List.of("council-term-end", "council-decision-experimental",
      "reassign-xep", "council-decision-draft", "council-decision-approved", "convert-historical-xep", "declare-obsolete",
      "submit-new-version", "council-demands-reversal");
  /** What authors start from Tasklist: a ProtoXEP, and a new version of their XEP. */
  private static final List<String> AUTHOR_STARTS = List.of("protoxep-submission", "submit-new-version");

  private final boolean demo;
  private final String password;
  private IdentityService identityService;
  private AuthorizationService authorizationService;
  private FilterService filterService;

  public XsfIdentity(@Value("${xepflow.demo.enabled}") boolean demo, @Value("${xepflow.demo.password}") String password) {
    this.demo = demo;
    this.password = password;
  }

  @Override
  protected void startWith(ProcessEngine engine) {
    identityService = engine.getIdentityService();
    authorizationService = engine.getAuthorizationService();
    filterService = engine.getFilterService();
    GROUPS.forEach(this::group);
    if (demo) {
      USERS.forEach(this::user);
    }
    for (String group : GROUPS.keySet()) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    }
    AUTHOR_STARTS.forEach(process ->
        grant(XsfGroups.AUTHORS, Resources.PROCESS_DEFINITION, process, Permissions.CREATE_INSTANCE));
    grant(XsfGroups.AUTHORS, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    EDITOR_STARTS.forEach(process ->
        grant(XsfGroups.EDITOR, Resources.PROCESS_DEFINITION, process, Permissions.CREATE_INSTANCE));
    grant(XsfGroups.EDITOR, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    TaskService tasks = engine.getTaskService();
    filter("My tasks", tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    filter("My group tasks", tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}"));
  }

  private void group(String id, String name) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      var group = identityService.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
    }
  }

  private void user(DemoUser demo) {
    if (identityService.createUserQuery().userId(demo.id()).count() > 0) {
      return;
    }
    User user = identityService.newUser(demo.id());
    user.setFirstName(demo.first());
    user.setLastName(demo.last());
    user.setEmail(demo.id() + "@example.org");
    user.setPassword(password);
    identityService.saveUser(user);
    identityService.createMembership(demo.id(), demo.group());
  }

  private void grant(String group, Resource resource, String resourceId, Permission permission) {
    boolean granted = authorizationService.createAuthorizationQuery().groupIdIn(group)
        .resourceType(resource).resourceId(resourceId).hasPermission(permission).count() > 0;
    if (!granted) {
      var authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
      authorization.addPermission(permission);
      authorizationService.saveAuthorization(authorization);
    }
  }

  private void filter(String name, TaskQuery query) {
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filterService.newTaskFilter(name).setQuery(query)
          .setProperties(Map.of("description", name, "priority", 0, "refresh", true));
      filterService.saveFilter(filter);
    }
    for (String group : GROUPS.keySet()) {
      grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }
}
