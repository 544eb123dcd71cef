package org.xsf.xepflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DocumentChangesTest {
  private static final String OLD = "old (current)";
  private static final String NEW = "new (submitted)";

  @Test
  void eachChangeComesWithThreeLinesAroundItAndTheLineNumbersOfBothDocuments() {
    List<String> lines = numbered(1, 40);
    List<String> changed = new ArrayList<>(lines);
    changed.add(0, "inserted at the top");
    changed.set(31, "line 31, changed");

    assertThat(DocumentChanges.between(OLD, text(lines), NEW, text(changed))).isEqualTo("""
        --- old (current)
        +++ new (submitted)
        @@ -1,3 +1,4 @@
        +inserted at the top
         line 1
         line 2
         line 3
        @@ -28,7 +29,7 @@
         line 28
         line 29
         line 30
        -line 31
        +line 31, changed
         line 32
         line 33
         line 34
        """);
  }

  @Test
  void lineEndsDoNotCount() {
    String unix = text(numbered(1, 5));
    assertThat(DocumentChanges.between(OLD, unix.replace("\n", "\r\n"), NEW, unix.replace("line 4", "line four")))
        .isEqualTo("""
            --- old (current)
            +++ new (submitted)
            @@ -1,5 +1,5 @@
             line 1
             line 2
             line 3
            -line 4
            +line four
             line 5
            """);
  }

  @Test
  void aDiffLongerThanAFormShowsIsCutWithANoteThatSaysSo() {
    List<String> lines = numbered(1, 900);
    String rewritten = ": every line of it rewritten, at a length that makes the diff longer than a form shows";
    String changed = text(lines.stream().map(line -> line + rewritten).toList());

    String diff = DocumentChanges.between(OLD, text(lines), NEW, changed);

    assertThat(diff).hasSizeLessThanOrEqualTo(DocumentChanges.MAX_CHARS)
        .startsWith("--- old (current)\n+++ new (submitted)\n@@ -1,900 +1,900 @@\n-line 1\n-line 2\n")
        .endsWith(" more lines, which would make it longer than 50,000 characters."
            + " Read the whole submitted document.]\n");
    // every line shown is a whole line of the diff, and the note counts those left out
    List<String> shown = diff.lines().toList().subList(0, (int) diff.lines().count() - 1);
    assertThat(shown).allMatch(line -> line.matches("(---|\\+\\+\\+|@@) .*|-line \\d+|\\+line \\d+" + rewritten));
    assertThat(diff).contains("[Cut here: the diff goes on for %,d more lines".formatted(3 + 1_800 - shown.size()));
  }

  @Test
  void aLineLongerThanAFormShowsIsCutToo() {
    String diff = DocumentChanges.between(OLD, "<p/>\n", NEW, "<p>" + "evil ".repeat(1_000_000) + "</p>\n");

    assertThat(diff).hasSizeLessThanOrEqualTo(DocumentChanges.MAX_CHARS).contains("\n+<p>evil evil ")
        .endsWith("\n[Cut here: the diff goes on for 1 more line, which would make it longer than 50,000 characters."
            + " Read the whole submitted document.]\n");
  }

  @Test
  void moreChangedLinesThanAreWorthComparingAreNotComparedLineByLine() {
    List<String> lines = numbered(1, 200_000);
    List<String> changed = new ArrayList<>(lines);
    changed.replaceAll(line -> line.endsWith("0") ? line : line + " changed");
    changed.set(0, "line 1");
    long start = System.nanoTime();

    String diff = DocumentChanges.between(OLD, text(lines), NEW, text(changed));

    assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(5_000);
    assertThat(diff).isEqualTo("--- old (current)\n+++ new (submitted)\n[Not compared line by line: more than 2,000"
        + " lines were removed or added from line 2 of old (current) on. Read the whole submitted document.]\n");
  }

  private static List<String> numbered(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).toList();
  }

  private static String text(List<String> lines) {
    return lines.stream().collect(Collectors.joining("\n", "", "\n"));
  }
}
