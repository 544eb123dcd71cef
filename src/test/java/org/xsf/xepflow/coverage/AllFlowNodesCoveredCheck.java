package org.xsf.xepflow.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;

/**
 * Runs after all tests (the Surefire execution "process-coverage", in the verify phase): the
 * coverage reports that every test class left in target/process-test-coverage/ together must have
 * run through every flow node of every diagram in bpmn/. Writes the per-process summary next to them.
 */
class AllFlowNodesCoveredCheck {
  private static final Path REPORTS = Path.of("target", "process-test-coverage");

  @Test
  void everyFlowNodeOfEveryProcessIsCoveredByTheTests() throws IOException {
    Map<String, Set<String>> covered = coveredFlowNodes();
    Map<String, List<String>> missing = new TreeMap<>();
    StringBuilder summary = new StringBuilder("| process | flow nodes | covered |\n| --- | --- | --- |\n");
    try (Stream<Path> diagrams = Files.list(Path.of("bpmn"))) {
      for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
        String process = model.getModelElementsByType(Process.class).iterator().next().getId();
        List<String> nodes = model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).sorted().toList();
        Set<String> ran = covered.getOrDefault(process, Set.of());
        List<String> notRun = nodes.stream().filter(node -> !ran.contains(node)).toList();
        summary.append("| ").append(process).append(" | ").append(nodes.size()).append(" | ")
            .append(nodes.size() - notRun.size()).append(" |\n");
        if (!notRun.isEmpty()) {
          missing.put(process, notRun);
        }
      }
    }
    Files.writeString(REPORTS.resolve("flow-nodes.md"), summary);
    assertThat(missing).as("flow nodes no test ran through (reports in %s)", REPORTS).isEmpty();
  }

  /** Process id -> the flow nodes some test class's report saw started. */
  private static Map<String, Set<String>> coveredFlowNodes() throws IOException {
    assertThat(REPORTS).as("coverage reports of the test run").isDirectory();
    ObjectMapper json = new ObjectMapper();
    Map<String, Set<String>> covered = new TreeMap<>();
    try (Stream<Path> reports = Files.find(REPORTS, 2, (path, attributes) -> path.endsWith("report.json"))) {
      for (Path report : reports.toList()) {
        for (JsonNode event : json.readTree(report.toFile()).findValues("events").stream()
            .flatMap(events -> Stream.iterate(0, i -> i < events.size(), i -> i + 1).map(events::get)).toList()) {
          if ("FLOW_NODE".equals(event.path("source").asText())) {
            covered.computeIfAbsent(event.path("modelKey").asText(), key -> new HashSet<>())
                .add(event.path("definitionKey").asText());
          }
        }
      }
    }
    return covered;
  }
}
