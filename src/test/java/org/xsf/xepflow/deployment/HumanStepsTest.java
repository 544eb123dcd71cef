package org.xsf.xepflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xsf.xepflow.document.HeaderLimits;
import org.xsf.xepflow.registry.CouncilResponse;
import org.xsf.xepflow.registry.Implementation;
import org.xsf.xepflow.registry.NamespaceRegistration;
import org.xsf.xepflow.registry.StatusChange;
import org.xsf.xepflow.vote.Ballot;

/**
 * What a person sees of each human step, read from bpmn/ and forms/: the task name says what to do
 * and for which XEP, the form says which XEP (number, title, version, a link) or which ProtoXEP,
 * every field has a label, and what can be wrong is checked in the form.
 */
class HumanStepsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Form id -> the processes whose tasks use it. */
  private static final Map<String, List<String>> FORM_USERS = new TreeMap<>();
  private static final List<UserTask> TASKS = new ArrayList<>();
  private static final Map<String, JsonNode> FORMS = new TreeMap<>();

  @BeforeAll
  static void readDiagramsAndForms() throws IOException {
    try (Stream<Path> diagrams = Files.list(Path.of("bpmn"))) {
      for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        var model = Bpmn.readModelFromFile(diagram.toFile());
        String process = model.getModelElementsByType(Process.class).iterator().next().getId();
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
          TASKS.add(task);
          FORM_USERS.computeIfAbsent(task.getCamundaFormRef(), f -> new ArrayList<>()).add(process);
        }
        for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
          if (start.getCamundaFormRef() != null) {
            FORM_USERS.computeIfAbsent(start.getCamundaFormRef(), f -> new ArrayList<>()).add("start of " + process);
          }
        }
      }
    }
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
        JsonNode json = JSON.readTree(form.toFile());
        FORMS.put(json.get("id").asText(), json);
      }
    }
  }

  @Test
  void everyTaskHasAFormAndEveryFormATask() {
    assertThat(TASKS).allSatisfy(task -> assertThat(task.getCamundaFormRef()).as(task.getId()).isNotNull());
    assertThat(FORMS.keySet()).containsExactlyInAnyOrderElementsOf(FORM_USERS.keySet());
  }

  @Test
  void everyTaskNameSaysForWhichXepOrProtoXep() {
    assertThat(TASKS).allSatisfy(task -> assertThat(task.getName()).as(task.getId())
        .containsAnyOf("${xepLabel}", "\"${title}\""));
  }

  @Test
  void everyFormAboutAXepShowsItsNumberTitleVersionAndALinkToIt() {
    FORM_USERS.forEach((form, processes) -> {
      String text = texts(FORMS.get(form));
      if (processes.contains("protoxep-submission")) {
        // A ProtoXEP has no number yet; once it is in the inbox, the form links to it.
        assertThat(text).as(form).contains("{{title}}");
      } else if (processes.stream().noneMatch(p -> p.startsWith("start of"))) {
        assertThat(text).as(form).contains("{{xepLabel}}", "{{title}}", "{{version}}", "]({{xepUrl}})");
      }
    });
  }

  @Test
  void everyFieldHasALabelInWordsAndRequiredChoicesAreValidated() {
    FORMS.forEach((id, form) -> fields(form).forEach(field -> {
      String name = id + "/" + field.path("key").asText();
      assertThat(field.path("label").asText()).as(name).matches(".*\\p{L}{3,}.*");
      if (List.of("radio", "select").contains(field.path("type").asText())) {
        assertThat(field.path("validate").path("required").asBoolean()).as(name + " required").isTrue();
      }
    }));
  }

  @Test
  void versionsXepNumbersAndDatesTypedByHandAreCheckedInTheForm() {
    Map<String, String> patterns = Map.of("proposedVersion", "^\\d+\\.\\d+(\\.\\d+)*$",
        "xep", "^XEP-\\d{4,9}$", "supersededBy", "^XEP-\\d{4,5}$", "interimSuccessor", "^XEP-\\d{4,5}$",
        "expiresOn", "^\\d{4}-\\d{2}-\\d{2}$", "termEndedOn", "^\\d{4}-\\d{2}-\\d{2}$",
        "reversedVersion", "^\\d+\\.\\d+(\\.\\d+)*$", "reversalVersion", "^\\d+\\.\\d+(\\.\\d+)*$",
        "councilDecidedOn", "^\\d{4}-\\d{2}-\\d{2}$", "councilMinutesUrl", "^https?://[^\\s/?#]+\\S*$");
    FORMS.forEach((id, form) -> fields(form).stream()
        .filter(field -> patterns.containsKey(field.path("key").asText()))
        .forEach(field -> {
          String name = id + "/" + field.path("key").asText();
          assertThat(field.path("validate").path("pattern").asText()).as(name)
              .isEqualTo(patterns.get(field.path("key").asText()));
          // The form's own message quotes the pattern; the description says it in words.
          assertThat(field.path("description").asText()).as(name + " description").containsPattern("e\\.g\\.|such as");
        }));
  }

  @Test
  void textsTheXepsDatabaseKeepsAreNoLongerInTheFormThanItKeeps() {
    // a reason the Editor gives follows the diagram's words in the status change's reason
    int afterTheDiagramsWords = StatusChange.REASON - 100;
    Map<String, Integer> kept = Map.ofEntries(Map.entry("ballotReasons", Ballot.REASONS),
        Map.entry("objectionReasons", CouncilResponse.REASONS), Map.entry("meetingMinutes", CouncilResponse.REASONS),
        Map.entry("implementationName", Implementation.NAME), Map.entry("implementationLicence", Implementation.LICENCE),
        Map.entry("voteDecisionReason", afterTheDiagramsWords), Map.entry("reassignReason", afterTheDiagramsWords),
        Map.entry("obsoleteReason", afterTheDiagramsWords), Map.entry("proposedVersion", HeaderLimits.VERSION),
        Map.entry("reversedVersion", HeaderLimits.VERSION), Map.entry("reversalVersion", HeaderLimits.VERSION),
        Map.entry("registeredNamespaces", NamespaceRegistration.NAMESPACES));
    Set<String> seen = new HashSet<>();
    FORMS.forEach((id, form) -> fields(form).stream()
        .filter(field -> kept.containsKey(field.path("key").asText()))
        .forEach(field -> {
          String key = field.path("key").asText();
          seen.add(key);
          assertThat(field.path("validate").path("maxLength").asInt()).as(id + "/" + key).isPositive()
              .isLessThanOrEqualTo(kept.get(key));
        }));
    assertThat(seen).isEqualTo(kept.keySet());
  }

  private static String texts(JsonNode form) {
    StringBuilder text = new StringBuilder();
    form.findValues("text").forEach(t -> text.append(t.asText()).append('\n'));
    form.findValues("label").forEach(t -> text.append(t.asText()).append('\n'));
    return text.toString();
  }

  private static List<JsonNode> fields(JsonNode form) {
    List<JsonNode> fields = new ArrayList<>();
    form.findParents("key").forEach(fields::add);
    return fields.stream().filter(f -> !f.path("type").asText().isEmpty()).toList();
  }
}
