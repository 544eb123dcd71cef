package org.xsf.xepflow.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.startup.OnceTheEngineIsBuilt;

/**
 * Deploys the diagrams in bpmn/ and the forms in forms/ as Camunda Run does: resources are named
 * relative to their folder (stable across machines), and only changed resources make a new version.
 * At start, as soon as the engine is built.
 */
@Component
@Order(0)
public class ProcessResourcesDeployer extends OnceTheEngineIsBuilt {
  public static final String DEPLOYMENT_NAME = "xepflow";
  private static final Logger LOG = LoggerFactory.getLogger(ProcessResourcesDeployer.class);

  private final Path bpmnDir;
  private final Path formsDir;

  public ProcessResourcesDeployer(@Value("${xepflow.deployment.bpmn-dir}") Path bpmnDir,
      @Value("${xepflow.deployment.forms-dir}") Path formsDir) {
    this.bpmnDir = bpmnDir;
    this.formsDir = formsDir;
  }

  @Override
  protected void startWith(ProcessEngine engine) {
    deploy(engine.getRepositoryService());
  }

  public void deploy(RepositoryService repositoryService) {
    DeploymentBuilder builder = repositoryService.createDeployment()
        .name(DEPLOYMENT_NAME)
        .source("xepflow")
        .enableDuplicateFiltering(true);
    List<Path> resources = Stream.concat(files(bpmnDir, ".bpmn"), files(formsDir, ".form")).toList();
    if (resources.isEmpty()) {
      throw new IllegalStateException("No diagrams found in " + bpmnDir.toAbsolutePath());
    }
    for (Path resource : resources) {
      try (InputStream in = Files.newInputStream(resource)) {
        builder.addInputStream(resource.getFileName().toString(), in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    var deployment = builder.deployWithResult();
    LOG.info("Deployed {} resources from {} and {} (deployment {})", resources.size(),
        bpmnDir.toAbsolutePath(), formsDir.toAbsolutePath(), deployment.getId());
  }

  private static Stream<Path> files(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return Stream.empty();
    }
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
