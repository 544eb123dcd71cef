package org.xsf.xepflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.xsf.xepflow.document.DocumentChanges;
import org.xsf.xepflow.registry.XepStatus;

/**
 * What a new version changes, shown to the XMPP Extensions Editor who reviews it and to the members who
 * vote on it: a unified diff against the XEP's current version, bounded for a form.
 */
class NewVersionChangesTest extends LifecycleTestSupport {
  private static final String MAY = "Evil servers MAY pass through evil stanzas unmodified.";
  private static final String MUST = "Evil servers MUST pass through evil stanzas unmodified.";

  @Test
  void theEditorAndTheVotersSeeTheLinesTheNewVersionChangesWithTheirLineNumbers() {
    ProcessInstance lifecycle = accept("author2", "xep-0076.xml", "Humorous");
    runAllDueJobs(lifecycle);
    assertStatus(lifecycle, XepStatus.Active);
    String label = "XEP-%04d".formatted(number(lifecycle));
    String version = registryEntry(lifecycle).currentVersion().getVersion();
    List<String> current = registryEntry(lifecycle).currentVersion().getDocument().lines().toList();
    String submitted = nextVersion(lifecycle, "1.1", "Evil servers must pass evil stanzas on.").replace(MAY, MUST);
    List<String> changed = submitted.lines().toList();
    String oldLine = current.stream().filter(line -> line.contains(MAY)).findFirst().orElseThrow();
    String newLine = oldLine.replace(MAY, MUST);

    submitAsAuthor("author2", lifecycle, Map.of("xml", submitted));
    ProcessInstance change = called(lifecycle, "new-version");
    assertThat(change).isWaitingAt("Task_EditorReviewVersion");
    String changes = (String) processEngine.getTaskService().getVariable(reviewTask(change).getId(), "changes");

    assertThat(changes).startsWith("--- %1$s version %2$s (current)\n+++ %1$s version 1.1 (submitted)\n@@ -"
        .formatted(label, version));
    // the new revision entry at the top, and the changed sentence with three lines before and after it, its hunk
    // numbered by the lines of both documents (counted from 1: it starts three lines before the changed one)
    int at = current.indexOf(oldLine);
    String hunk = String.join("\n", "@@ -%d,7 +%d,7 @@".formatted(at - 2, changed.indexOf(newLine) - 2),
        " " + current.get(at - 3), " " + current.get(at - 2), " " + current.get(at - 1), "-" + oldLine, "+" + newLine,
        " " + current.get(at + 1), " " + current.get(at + 2), " " + current.get(at + 3)) + "\n";
    assertThat(changes).containsPattern("\n\\+\\s*<version>1\\.1</version>\n")
        .containsPattern("\n\\+\\s*<remark><p>Evil servers must pass evil stanzas on\\.</p></remark>\n")
        .contains(hunk);

    // every change to an Active XEP goes to the Council's vote, whose members see the same diff
    complete("editor", change.getId(), "Task_EditorReviewVersion", Map.of("versionDecision", "publish"));
    List<Task> ballots = processEngine.getTaskService().createTaskQuery()
        .processInstanceId(openVote(change.getId())).list();
    assertThat(ballots).hasSize(COUNCIL.size()).allSatisfy(ballot ->
        assertThat(processEngine.getTaskService().getVariable(ballot.getId(), "changes")).isEqualTo(changes));
  }

  @Test
  void aVersionTheAuthorRevisesIsComparedAfresh() {
    ProcessInstance lifecycle = accept("author1", "inbox/mix.xml", "Standards Track");
    String document = registryEntry(lifecycle).currentVersion().getDocument();
    String titleLine = document.lines().filter(line -> line.contains("<title>")).findFirst().orElseThrow();
    String abstractLine = document.lines().filter(line -> line.contains("<abstract>")).findFirst().orElseThrow();
    submitAsAuthor("author1", lifecycle, Map.of("xml",
        nextVersion(lifecycle, "0.2", "First try").replace(titleLine, titleLine + "\n  <!-- first try -->")));
    ProcessInstance change = called(lifecycle, "new-version");
    assertThat(changes(change)).contains("\n+  <!-- first try -->\n");
    complete("editor", change.getId(), "Task_EditorReviewVersion",
        Map.of("versionDecision", "return", "editorComments", "Say what MIX is for."));

    String secondTry = nextVersion(lifecycle, "0.2", "Second try")
        .replace(abstractLine, abstractLine + "\n  <!-- MIX is for groups -->");
    complete("author1", change.getId(), "Task_ReviseVersion", Map.of("authorDecision", "revise", "xml", secondTry));

    assertThat(change).isWaitingAt("Task_EditorReviewVersion");
    assertThat(changes(change)).contains("\n+  <!-- MIX is for groups -->\n", "Second try")
        .doesNotContain("first try", "First try");
  }

  @Test
  void anEnormousChangeIsCutAndOneOfTensOfThousandsOfLinesIsNotComparedLineByLine() {
    ProcessInstance lifecycle = accept("author1", "inbox/mix.xml", "Standards Track");
    String label = "XEP-%04d".formatted(number(lifecycle));
    String paragraph = "  <p>A paragraph added to the introduction, one of very many: an enormous change.</p>\n";
    submitAsAuthor("author1", lifecycle,
        Map.of("xml", withParagraphs(nextVersion(lifecycle, "0.2", "Enormous"), paragraph, 1_500)));
    ProcessInstance change = called(lifecycle, "new-version");

    String enormous = changes(change);
    assertThat(enormous).hasSizeLessThanOrEqualTo(DocumentChanges.MAX_CHARS).contains("\n+" + paragraph)
        .containsPattern("\n\\[Cut here: the diff goes on for [\\d,]+ more lines, which would make it longer than"
            + " 50,000 characters. Read the whole submitted document.]\n$");

    complete("editor", change.getId(), "Task_EditorReviewVersion",
        Map.of("versionDecision", "return", "editorComments", "Far too long."));
    complete("author1", change.getId(), "Task_ReviseVersion", Map.of("authorDecision", "revise",
        "xml", withParagraphs(nextVersion(lifecycle, "0.2", "Hostile"), paragraph, 20_000)));

    assertThat(changes(change)).startsWith("--- %s version 0.1 (current)\n+++ %s version 0.2 (submitted)\n"
        .formatted(label, label)).contains("[Not compared line by line: more than 2,000 lines were removed or added");
  }

  private Task reviewTask(ProcessInstance change) {
    return processEngine.getTaskService().createTaskQuery().processInstanceId(change.getId())
        .taskDefinitionKey("Task_EditorReviewVersion").singleResult();
  }

  /** The diff the Editor's review shows. */
  private String changes(ProcessInstance change) {
    return (String) processEngine.getTaskService().getVariable(reviewTask(change).getId(), "changes");
  }

  /** The document with that many copies of a paragraph at the end of its first section. */
  private static String withParagraphs(String document, String paragraph, int copies) {
    int end = document.indexOf("</section1>");
    return document.substring(0, end) + paragraph.repeat(copies) + document.substring(end);
  }
}
