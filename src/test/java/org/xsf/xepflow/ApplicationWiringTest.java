package org.xsf.xepflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.support.Repositories;
import org.springframework.data.util.Streamable;
import org.springframework.http.HttpStatus;
import org.xsf.xepflow.deployment.ProcessResourcesDeployer;
import org.xsf.xepflow.support.ProcessTestSupport;

/** The app starts, deploys every diagram and form from bpmn/ and forms/, and serves its pages. */
class ApplicationWiringTest extends ProcessTestSupport {
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  ProcessResourcesDeployer deployer;
  @Autowired
  TestRestTemplate http;
  @Autowired
  ApplicationContext context;

  @Test
  void everyDiagramAndFormIsDeployedUnderItsFileName() throws IOException {
    List<String> deployed = repositoryService.createDeploymentQuery()
        .deploymentName(ProcessResourcesDeployer.DEPLOYMENT_NAME).list().stream()
        .flatMap(d -> repositoryService.getDeploymentResourceNames(d.getId()).stream()).toList();
    assertThat(deployed).containsAll(fileNames("bpmn")).containsAll(fileNames("forms"));
    assertThat(fileNames("bpmn")).contains("protoxep-submission.bpmn");
    for (String diagram : fileNames("bpmn")) {
      String key = diagram.replace(".bpmn", "");
      ProcessDefinition definition = repositoryService.createProcessDefinitionQuery()
          .processDefinitionKey(key).latestVersion().singleResult();
      assertThat(definition).as("process %s (one per file, named after it)", key).isNotNull();
      assertThat(definition.getHistoryTimeToLive()).isNotNull();
    }
  }

  @Test
  void everyFlowNodeAndSequenceFlowHasDiagramInterchange() {
    for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
      BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
      List<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
          .map(s -> s.getBpmnElement().getId()).toList();
      List<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
          .map(e -> e.getBpmnElement().getId()).toList();
      assertThat(shapes).containsAll(model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).toList());
      assertThat(edges).containsAll(model.getModelElementsByType(SequenceFlow.class).stream().map(SequenceFlow::getId).toList());
    }
  }

  @Test
  void everyFormReferencedByADiagramExists() throws IOException {
    List<String> forms = fileNames("forms").stream().map(f -> f.replace(".form", "")).toList();
    for (String diagram : fileNames("bpmn")) {
      String xml = Files.readString(Path.of("bpmn", diagram));
      var refs = java.util.regex.Pattern.compile("camunda:formRef=\"([^\"]+)\"").matcher(xml).results()
          .map(m -> m.group(1)).toList();
      assertThat(forms).as("forms referenced by %s", diagram).containsAll(refs);
    }
  }

  @Test
  void restartingWithUnchangedDiagramsDeploysNothingNew() {
    long before = repositoryService.createProcessDefinitionQuery().count();
    deployer.deploy(repositoryService);
    assertThat(repositoryService.createProcessDefinitionQuery().count()).isEqualTo(before);
  }

  @Test
  void demoPeopleExistInTheirGroups() {
    assertThat(identityService.createUserQuery().memberOfGroup("council").count()).isEqualTo(5);
    assertThat(identityService.createUserQuery().memberOfGroup("editor").singleResult().getId()).isEqualTo("editor");
    assertThat(identityService.createUserQuery().memberOfGroup("board").count()).isEqualTo(3);
    assertThat(identityService.createUserQuery().memberOfGroup("authors").count()).isEqualTo(2);
    assertThat(identityService.checkPassword("council3", "xsf")).isTrue();
    assertThat(identityService.checkPassword("admin", "xsf")).isTrue();
  }

  @Test
  void tasklistCockpitAndTheListArchiveAreServed() {
    assertThat(http.getForEntity("/camunda/app/tasklist/default/", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/camunda/app/cockpit/default/", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/lists/standards", String.class).getBody())
        .contains("Standards list archive");
  }

  @Test
  void engineRestNeedsALogin() {
    assertThat(http.getForEntity("/engine-rest/engine", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // board3 is used nowhere else: Camunda delays further logins of a user after a wrong password.
    assertThat(http.withBasicAuth("board3", "wrong").getForEntity("/engine-rest/engine", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("editor", "xsf").getForEntity("/engine-rest/engine", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void taskAssignmentsAreNotMeteredForALicence() {
    assertThat(((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).isTaskMetricsEnabled())
        .isFalse();
  }

  /** A query string costs start-up time: Spring Data parses each with a grammar slow to warm up (XepRepository). */
  @Test
  void repositoriesDeclareNoQueryStrings() {
    Repositories repositories = new Repositories(context);
    List<Method> methods = Streamable.of(repositories).stream().map(type -> repositories.getRequiredRepositoryInformation(type))
        .flatMap(info -> Stream.of(info.getRepositoryInterface().getDeclaredMethods())).toList();
    assertThat(methods).hasSizeGreaterThan(3).noneMatch(m -> m.isAnnotationPresent(Query.class));
  }

  private static List<String> fileNames(String dir) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
